import Foundation
import Testing

/// `replay TRACE --model M`: a relu RNN's model opens its relu trace (replay has no --nonlinearity, and
/// the weights read as tanh were refused), and a model of the same shape with other weights is refused
/// with one line (it opened and put its own equations beside the trace's values).
@Suite(.enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                "needs tmux and the built gatescope"))
struct ReplayModelCheckTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope") ?? "gatescope"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GateCoreTests/Fixtures")

    static func model(_ name: String) -> String { fixtures.appendingPathComponent("\(name).model.safetensors").path }

    /// Records `model` over a small CSV of `features` columns; returns the trace path.
    static func record(_ model: String, features: Int, extra: [String] = [], in directory: URL) throws -> String {
        let csv = directory.appendingPathComponent("input.csv").path
        var text = ""
        for t in 0..<6 {
            var cells: [String] = []
            for k in 0..<features {
                let value: Double = Double((t * 7 + k * 3) % 11) / 5 - 1
                cells.append(String(value))
            }
            text += cells.joined(separator: ",") + "\n"
        }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let trace = directory.appendingPathComponent("trace-\(UUID().uuidString.prefix(6)).safetensors").path
        let result = try CLIErrorTests.run(binary, ["record", "--model", model, "--input", csv, "--out", trace] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return trace
    }

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-model-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func reluRNNTraceOpensWithItsModel() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = Self.model("rnn_relu_2layer")
        let trace = try Self.record(model, features: 2, extra: ["--nonlinearity", "relu"], in: directory)
        let session = try TmuxSession(command: [Self.binary, "replay", trace, "--model", model], width: 100, height: 30)
        defer { session.kill() }
        let screen = try session.waitForScreen { $0.contains("t=1/6") || $0.contains("error") }
        #expect(screen.contains("relu") && !screen.contains("error"), "\(screen)")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func sameShapeOtherWeightsIsRefused() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two sine models of one shape (LSTM 1→4, head 4→1), seeds 1 and 2.
        var models: [String] = []
        for seed in [1, 2] {
            let path = directory.appendingPathComponent("sine-\(seed).safetensors").path
            let result = try CLIErrorTests.run(Self.binary, ["train", "sine", "--steps", "2", "--hidden", "4", "--seed", String(seed),
                                                             "--quiet", "--out", path])
            #expect(result.status == 0, "\(result.stderr)")
            models.append(path)
        }
        let trace = try Self.record(models[0], features: 1, in: directory)
        let session = try TmuxSession(command: [Self.binary, "replay", trace, "--model", models[1]], width: 200, height: 30)
        defer { session.kill() }
        #expect(try session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.contains("did not make this trace") && screen.contains("sine-1.safetensors"), "\(screen)")
        // Its own model opens.
        let good = try TmuxSession(command: [Self.binary, "replay", trace, "--model", models[0]], width: 100, height: 30)
        defer { good.kill() }
        _ = try good.waitForScreen { $0.contains("t=1/6") }
        try good.sendKeys("q")
        #expect(try good.waitForExit() == 0)
    }
}
