import Foundation
import Testing

/// `explore --compare-input` loads its model with the same options as every other command: a ReLU RNN named
/// with --nonlinearity relu runs as ReLU on both inputs (the options were dropped and it ran as tanh).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                             "needs tmux and the built gatescope"))
struct CompareInputOptionsTests {
    /// h = f(W x) with W = (2, 1): at step 1 input A is 3 and input B is 1, so the units hold f(6), f(3) under A
    /// and f(2), f(1) under B.
    static func writeFiles(in folder: String) throws -> (model: String, a: String, b: String) {
        let model = folder + "/relu.safetensors", a = folder + "/a.csv", b = folder + "/b.csv"
        try UnitsPlantedTests.writeSafeTensors([
            ("rnn.weight_ih_l0", [2, 1], [2, 1]), ("rnn.weight_hh_l0", [2, 2], [0, 0, 0, 0]),
            ("rnn.bias_ih_l0", [2], [0, 0]), ("rnn.bias_hh_l0", [2], [0, 0]),
        ], metadata: "{}", to: model)
        try "x\n3\n-1\n2\n".write(toFile: a, atomically: true, encoding: .utf8)
        try "x\n1\n-2\n4\n".write(toFile: b, atomically: true, encoding: .utf8)
        return (model, a, b)
    }

    /// The largest difference, by hand: ReLU |6 − 2| = 4 (unit 0); tanh: tanh 3 − tanh 1 = 0.2335 (unit 1).
    @Test(arguments: [(["--nonlinearity", "relu"], "max |Δ| here: 4.0000"), ([], "max |Δ| here: 0.2335")])
    func theCompareRunsWithTheNamedNonlinearity(options: [String], expected: String) throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try UnitsPlantedTests.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (model, a, b) = try Self.writeFiles(in: folder)
        let session = try TmuxSession(command: [binary, "explore", "--model", model, "--input", a, "--compare-input", b] + options,
                                      width: 120, height: 30)
        defer { session.kill() }
        let screen = try session.waitForScreen { $0.contains("step 1/3") && $0.contains("max |Δ| here") }
        #expect(screen.contains(expected), "\(screen)")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }
}
