import Foundation
import Testing

/// `gatescope diff` on hand-made traces holding NaN: a NaN against a number is shown as a NaN difference
/// (never `inf`), where it is, and it makes the traces differ.
@Suite struct DiffNaNEndToEndTests {
    /// A minimal trace file written byte by byte (safetensors: header length, JSON header, little-endian
    /// float32 data): `input` [T, 1] of zeros and `l0.hidden` [T, 2] holding `hidden`.
    static func writeTrace(hidden: [Float], to path: String) throws {
        let steps = hidden.count / 2
        let inputBytes = steps * 4, hiddenBytes = hidden.count * 4
        let header = #"{"__metadata__":{"format":"gatescope-trace","format_version":"1","cell":"rnn_tanh","steps":"\#(steps)"},"#
            + #""input":{"dtype":"F32","shape":[\#(steps),1],"data_offsets":[0,\#(inputBytes)]},"#
            + #""l0.hidden":{"dtype":"F32","shape":[\#(steps),2],"data_offsets":[\#(inputBytes),\#(inputBytes + hiddenBytes)]}}"#
        var json = Array(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var bytes: [UInt8] = []
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { bytes += $0 }
        bytes += json
        bytes += [UInt8](repeating: 0, count: inputBytes)
        for value in hidden {
            var bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { bytes += $0 }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [false, true])
    func aNaNDifferenceShowsAsNaN(nanInB: Bool) throws {
        let directory = try HardeningEndToEndTests.makeDirectory("diff-nan")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let numbers = directory + "/numbers.safetensors", nan = directory + "/nan.safetensors"
        try Self.writeTrace(hidden: [0, 1, 2, 3, 4, 5], to: numbers)
        try Self.writeTrace(hidden: [0, 1.5, 2, 3, 4, .nan], to: nan)
        let result = try HardeningEndToEndTests.run(["diff"] + (nanInB ? [numbers, nan] : [nan, numbers]))
        let output = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.exited && result.status == 1, "\(output)\(result.stderr)")
        let row = try #require(output.split(separator: "\n").first { $0.hasPrefix("l0.hidden") }, "\(output)")
        let columns = row.split(separator: " ", omittingEmptySubsequences: true)
        // series, max |Δ|, mean |Δ| (0.5 over 6 values), at step, unit, A → B, the NaN count, the marker.
        #expect(columns[1] == "nan" && columns[2] == "8.33e-02", "\(row)")
        #expect(row.contains("3, 2"), "\(row)")
        #expect(row.contains(nanInB ? "5.0 → nan" : "nan → 5.0"), "\(row)")
        #expect(row.contains("(1 NaN mismatches)") && row.hasSuffix("≠"), "\(row)")
        #expect(!output.contains("inf"), "\(output)")
        #expect(output.contains("differ: 1 of 2 series exceed 0.0 (max |Δ| nan)"), "\(output)")
    }
}
