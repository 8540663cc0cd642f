import Foundation
import Testing

/// Keras files as users save them go straight into `gatescope record` and `inspect`; a damaged one is
/// one `error:` line and exit status 1 (fixtures from scripts/make_keras_fixtures.py).
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct KerasEndToEndTests {
    /// `Tests/GateFormatsTests/Fixtures/keras/<name>`.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GateFormatsTests/Fixtures/keras/\(name)").path
    }

    /// A fresh temporary directory.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("keras-e2e-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: ["bilstm.keras", "bilstm.weights.h5", "bilstm.legacy.h5", "bilstm.tf2.h5"])
    func recordsInOneStep(file: String) throws {
        let binary = try #require(TmuxSession.builtProduct(named: "gatescope"))
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/input.csv", trace = directory + "/trace.safetensors"
        try Data("0.5,0,-0.25\n0.25,1,0\n-0.5,0,0.75\n".utf8).write(to: URL(fileURLWithPath: input))
        let result = try CLIErrorTests.run(binary, ["record", "--model", Self.fixture(file), "--input", input, "--out", trace])
        #expect(result.exited && result.status == 0, "\(file): \(result.stderr)")
        #expect(!result.stderr.contains("error"), "\(file): \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: trace))
    }

    @Test(arguments: ["lstm.keras", "lstm.weights.h5", "lstm.tf2.h5"])
    func damagedFileIsOneErrorLine(file: String) throws {
        let binary = try #require(TmuxSession.builtProduct(named: "gatescope"))
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.fixture(file)))
        let damaged = directory + "/" + file
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: damaged))
        let result = try CLIErrorTests.run(binary, ["inspect", damaged])
        #expect(result.exited && result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(damaged): "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
