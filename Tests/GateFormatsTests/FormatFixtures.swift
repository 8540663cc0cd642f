#if canImport(Glibc)
import Glibc
#endif
@testable import GateFormats

/// Locates committed fixture files (relative to this source file, since the test target declares
/// no resources) and builds small in-memory files for the format tests.
enum FormatFixtures {
    /// `Tests/GateFormatsTests/Fixtures/formats/<name>`.
    static func path(_ name: String, file: String = #filePath) -> String {
        let directory = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return "\(directory)/Fixtures/formats/\(name)"
    }

    /// A safetensors file: 8-byte length, `header` exactly as given, then `data`.
    static func safetensors(header: String, data: [UInt8] = []) -> [UInt8] {
        let json = Array(header.utf8)
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        return out + json + data
    }

    /// A fresh, empty temporary directory for one test.
    static func temporaryDirectory() -> String {
        var template = Array("/tmp/gatescope-formats-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "mkdtemp failed")
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// The file's bit patterns as F32 values read from a safetensors tensor.
    static func bits(_ floats: [Float]) -> [UInt32] { floats.map(\.bitPattern) }
}
