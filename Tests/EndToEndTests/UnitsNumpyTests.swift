import Foundation
import Testing

/// `units --json` on the trained text demo agrees with numpy (scripts/check_units_numpy.py recomputes
/// every score, z and count from the trace file on its own).
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil && PythonNumpy.isAvailable,
                "needs the built gatescope and python3 with numpy and safetensors"))
struct UnitsNumpyTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test(arguments: [("h", "hidden"), ("f", "forget_gate"), ("c", "cell")])
    func scoresMatchNumpy(series: (letter: String, name: String)) throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try UnitsPlantedTests.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trace = folder + "/text.safetensors", answer = folder + "/units.json"
        let recorded = try CLIErrorTests.run(binary, ["record", "--demo", "text", "--out", trace])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let units = try CLIErrorTests.runCapturing(binary, ["units", trace, "--series", series.letter, "--top", "4", "--json"])
        #expect(units.status == 0, "\(units.stderr)")
        try units.stdout.write(toFile: answer, atomically: true, encoding: .utf8)
        let check = try CLIErrorTests.runPython([Self.root + "/scripts/check_units_numpy.py", trace, answer, series.name])
        #expect(check.status == 0 && check.output.contains("objects agree"), "\(check.output)")
    }
}

/// Whether python3 can import numpy and safetensors.
enum PythonNumpy {
    static let isAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy, safetensors.numpy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}

extension CLIErrorTests {
    /// Runs python3 with `arguments`; its exit status and its stdout and stderr together.
    static func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
