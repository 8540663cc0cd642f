import Foundation
import GateCore
import GateFormats
import Testing

/// `--nonlinearity relu` on an LSTM or GRU file is refused (it was silently ignored); on an RNN it
/// selects relu; `tanh` is harmless everywhere.
struct NonlinearityOptionTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GateCoreTests/Fixtures/\(name).model.safetensors").path
    }

    @Test(arguments: ["lstm_proj", "gru_3x5"])
    func reluOnAGatedCellIsRefused(name: String) throws {
        let path = Self.fixture(name)
        guard FileManager.default.fileExists(atPath: path) else { Issue.record("missing fixture \(path)"); return }
        do {
            _ = try ModelImporter.load(path: path, options: ModelImportOptions(nonlinearity: .relu))
            Issue.record("accepted --nonlinearity relu on \(name)")
        } catch let error as FormatError {
            #expect(error.message.contains("--nonlinearity relu is for plain RNNs"))
        }
        _ = try ModelImporter.load(path: path, options: ModelImportOptions(nonlinearity: .tanh))
    }

    @Test func reluOnAnRNNSelectsIt() throws {
        let network = try ModelImporter.load(path: Self.fixture("rnn_tanh"), options: ModelImportOptions(nonlinearity: .relu))
        #expect(network.summary.contains("relu"))
    }
}
