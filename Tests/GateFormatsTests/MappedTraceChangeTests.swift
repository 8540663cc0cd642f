import Testing
import Foundation
import GateCore
import GateFormats

/// A trace changed in place while it is mapped (truncated, overwritten by `cp`, rewritten with
/// same-size garbage) gives a thrown error on the next read, not a fault or other data.
struct MappedTraceChangeTests {
    /// Writes a trace of `steps` steps to `path`, dated an hour ago (so a rewrite within the kernel's
    /// timestamp granularity still shows a new modification time), and returns its bytes.
    static func writeTrace(steps: Int, to path: String) throws -> [UInt8] {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4, head: 2)
        let trace = try TraceFileTests.recorded(network, steps: steps)
        try TraceFile.write(trace, metadata: TraceMetadata(network: network, steps: steps), to: path)
        let hourAgo = Date().addingTimeInterval(-3600)
        try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes `bytes` into the existing file at `path` without replacing it (same inode), as `cp`
    /// does: truncated first when `truncating`.
    static func overwriteInPlace(_ path: String, with bytes: [UInt8], truncating: Bool) throws {
        let descriptor = open(path, O_WRONLY | (truncating ? O_TRUNC : 0))
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #expect(written == bytes.count)
    }

    /// Reads a window of every series, as the explorer does when it scrolls.
    static func readWindow(_ mapped: MappedTrace) throws {
        for info in mapped.recordedLayers {
            for name in info.seriesNames {
                _ = try mapped.series(name, layer: info.layer, reverse: info.isReverse, rows: 0..<4)
            }
        }
        _ = try mapped.input(rows: 0..<4)
    }

    static func messageOfNextRead(_ mapped: MappedTrace) -> String? {
        do {
            try readWindow(mapped)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func truncatedInPlace() throws {
        let path = ModelTestSupport.temporaryDirectory() + "/open.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        let original = try Self.writeTrace(steps: 40, to: path)
        let mapped = try MappedTrace(path: path)
        try Self.readWindow(mapped)
        // Keep the header's page: without the check the rows would silently read as zeros.
        #expect(truncate(path, 200) == 0)
        let message = try #require(Self.messageOfNextRead(mapped))
        #expect(message.contains("changed on disk while open"))
        #expect(message.contains("from \(original.count) to 200 bytes"))
    }

    @Test func overwrittenByAnotherTrace() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/open.safetensors"
        _ = try Self.writeTrace(steps: 40, to: path)
        let other = try Self.writeTrace(steps: 50, to: directory + "/other.safetensors")
        let mapped = try MappedTrace(path: path)
        try Self.readWindow(mapped)
        try Self.overwriteInPlace(path, with: other, truncating: true)
        let message = try #require(Self.messageOfNextRead(mapped))
        #expect(message.contains("changed on disk while open"))
    }

    @Test func sameSizeGarbage() throws {
        let path = ModelTestSupport.temporaryDirectory() + "/open.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        let original = try Self.writeTrace(steps: 40, to: path)
        let mapped = try MappedTrace(path: path)
        try Self.readWindow(mapped)
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<original.count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Self.overwriteInPlace(path, with: garbage, truncating: false)
        let message = try #require(Self.messageOfNextRead(mapped))
        #expect(message.contains("it was rewritten (same size)"))
    }

    @Test func replacedByRenameStillReadsTheOldFile() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/open.safetensors"
        _ = try Self.writeTrace(steps: 40, to: path)
        let mapped = try MappedTrace(path: path)
        let before = try mapped.input(rows: 0..<4)
        _ = try Self.writeTrace(steps: 50, to: directory + "/other.safetensors")
        #expect(rename(directory + "/other.safetensors", path) == 0)
        #expect(try mapped.input(rows: 0..<4) == before)
    }
}
