import Foundation
import Testing

/// `record --input -` reads the whole input from standard input, as `--out -` writes standard output (it
/// looked for a file called "-"): the trace equals the one recorded from the same rows in a file.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct RecordStandardInputTests {
    @Test(arguments: [("sine", "x\n0.5\n-0.25\n1\n"), ("brackets", "(()())")])
    func standardInputRecordsWhatTheSameFileRecords(demo: String, input: String) throws {
        let folder = try HardeningEndToEndTests.makeDirectory("stdin")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + (demo == "sine" ? "/in.csv" : "/in.txt")
        try input.write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try HardeningEndToEndTests.run(["record", "--demo", demo, "--input", file, "--out", folder + "/a.safetensors"])
        let fromPipe = try HardeningEndToEndTests.run(["record", "--demo", demo, "--input", "-", "--out", folder + "/b.safetensors"], stdin: input)
        #expect(fromFile.status == 0 && fromPipe.status == 0, "\(fromFile.stderr) \(fromPipe.stderr)")
        let diff = try HardeningEndToEndTests.run(["diff", folder + "/a.safetensors", folder + "/b.safetensors"])
        #expect(diff.status == 0, "the traces differ: \(String(decoding: diff.stdout, as: UTF8.self))")
    }

    @Test func emptyStandardInputIsOneErrorLine() throws {
        let folder = try HardeningEndToEndTests.makeDirectory("stdin-empty")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try HardeningEndToEndTests.run(["record", "--demo", "sine", "--input", "-", "--out", folder + "/x.safetensors"], stdin: "")
        #expect(result.status == 1)
        #expect(result.stderr == "error: standard input: is empty; a sequence CSV needs one row of numbers per timestep\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// A ConvLSTM's frames come from standard input too (CSV, one frame per row).
    @Test func convLSTMFramesFromStandardInput() throws {
        let folder = try HardeningEndToEndTests.makeDirectory("stdin-frames")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var demos = #filePath
        for _ in 0..<3 { demos = (demos as NSString).deletingLastPathComponent }
        demos += "/demos"
        let frames = demos + "/convlstm-moving-square/frames.csv"
        let text = try String(contentsOfFile: frames, encoding: .utf8)
        let model = demos + "/convlstm-moving-square/model.safetensors"
        let fromFile = try HardeningEndToEndTests.run(["record", "--model", model, "--input", frames, "--out", folder + "/a.safetensors"])
        let fromPipe = try HardeningEndToEndTests.run(["record", "--model", model, "--input", "-", "--out", folder + "/b.safetensors"], stdin: text)
        #expect(fromFile.status == 0 && fromPipe.status == 0, "\(fromFile.stderr) \(fromPipe.stderr)")
        let diff = try HardeningEndToEndTests.run(["diff", folder + "/a.safetensors", folder + "/b.safetensors"])
        #expect(diff.status == 0, "the traces differ: \(String(decoding: diff.stdout, as: UTF8.self)) \(diff.stderr)")
    }
}
