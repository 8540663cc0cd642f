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

    /// A bad row stops `record` (the trace must hold every step given): the error says the line, that
    /// `explore --input -` skips such rows, and a command that drops them — which then records.
    @Test func aBadRowStopsRecordSayingWhereAndHowToDropIt() throws {
        let folder = try HardeningEndToEndTests.makeDirectory("stdin-bad-row")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = "x\n0.5\nnan\n1\n"
        let result = try HardeningEndToEndTests.run(["record", "--demo", "sine", "--input", "-", "--out", folder + "/x.safetensors"], stdin: input)
        #expect(result.status == 1)
        let filter = "NF==1 && tolower($0) !~ /nan|inf/"
        #expect(result.stderr == "error: standard input: line 3, column 1: NaN; gatescope needs finite numbers — fill or drop missing values. "
                + "record --input - keeps every row, so it stops at a bad one (explore --input - skips them); drop such rows first, "
                + "e.g. … | awk -F, '\(filter)' | gatescope record --input - …\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        // The suggested filter, run by awk itself, leaves rows that record takes: 2 steps.
        let awk = Process()
        awk.executableURL = URL(fileURLWithPath: "/usr/bin/awk")
        awk.arguments = ["-F,", filter]
        let stdin = Pipe(), stdout = Pipe()
        awk.standardInput = stdin
        awk.standardOutput = stdout
        try awk.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let cleaned = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        awk.waitUntilExit()
        #expect(cleaned == "x\n0.5\n1\n")
        let recorded = try HardeningEndToEndTests.run(["record", "--demo", "sine", "--input", "-", "--out", folder + "/y.safetensors"], stdin: cleaned)
        #expect(recorded.status == 0 && String(decoding: recorded.stdout, as: UTF8.self).contains("recorded 2 steps,"), "\(recorded.stderr)")
    }

    /// One row is "1 step".
    @Test func oneRowIsOneStep() throws {
        let folder = try HardeningEndToEndTests.makeDirectory("stdin-one-row")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try HardeningEndToEndTests.run(["record", "--demo", "sine", "--input", "-", "--out", folder + "/x.safetensors"], stdin: "x\n0.5\n")
        #expect(result.status == 0 && String(decoding: result.stdout, as: UTF8.self).contains("recorded 1 step, 1 layer"), "\(result.stderr)")
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
