import Foundation
import GateCore
import GateFormats
import Testing

/// `--nonlinearity` on an ONNX model: the file names its activations, so an option that contradicts
/// them is refused with one line (it was silently ignored); one that agrees is harmless.
struct ONNXNonlinearityOptionTests {
    static func path(_ name: String, file: String = #filePath) -> String {
        let directory = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return "\(directory)/Fixtures/onnx/\(name)"
    }

    @Test(arguments: ["onnx_torch_lstm2.onnx", "onnx_torch_gru.onnx"])
    func reluOnAGatedONNXCellIsRefused(name: String) throws {
        #expect {
            try ModelImporter.load(path: Self.path(name), options: ModelImportOptions(nonlinearity: .relu))
        } throws: { error in
            guard let error = error as? FormatError else { return false }
            return error.message.contains("--nonlinearity relu does not apply") && error.message.contains("leave --nonlinearity out")
                && !error.message.contains("\n")
        }
        _ = try ModelImporter.load(path: Self.path(name), options: ModelImportOptions(nonlinearity: .tanh))
    }

    @Test func tanhOnAReluONNXRNNIsRefused() throws {
        #expect(throws: FormatError.self) {
            try ModelImporter.load(path: Self.path("onnx_rnn_relu.onnx"), options: ModelImportOptions(nonlinearity: .tanh))
        }
        let network = try ModelImporter.load(path: Self.path("onnx_rnn_relu.onnx"), options: ModelImportOptions(nonlinearity: .relu))
        #expect(network.kind == .rnnRelu)
    }
}
