import GateCore
import GateFormats

/// Paths of the golden fixtures made by scripts/make_fixtures.py (see docs/fixtures.md).
enum GoldenFixture {
    /// The Fixtures folder next to this source file.
    static let directory: String = {
        let file = #filePath
        let folder = file[..<(file.lastIndex(of: "/") ?? file.startIndex)]
        return folder + "/Fixtures"
    }()

    /// Every case that has an expected file (`two_modules_decoder` included).
    static let cases = [
        "lstm_1x8", "lstm_4x6_head", "lstm_2layer", "lstm_bidir", "lstm_2layer_bidir", "lstm_proj",
        "lstm_proj_2layer_bidir", "lstm_nobias", "lstmcell", "gru_3x5", "gru_2layer_bidir", "grucell",
        "rnn_tanh", "rnn_relu_2layer", "rnn_bidir", "lstm_f16", "lstm_bf16", "lstm_f64", "realistic_charmodel",
        "two_modules", "two_modules_decoder",
    ]

    /// The path of `<name>.safetensors`.
    static func path(_ name: String) -> String { directory + "/" + name + ".safetensors" }

    /// The expected file of a case.
    static func expected(_ name: String) throws -> SafeTensors {
        try SafeTensors(path: path(name + ".expected"))
    }

    /// The model file of a case (from the expected file's `model_file` metadata).
    static func modelPath(_ name: String, expected: SafeTensors) -> String {
        directory + "/" + (expected.metadata["model_file"] ?? name + ".model.safetensors")
    }

    /// A float tensor as a matrix (1-D tensors become one column).
    static func matrix(_ file: SafeTensors, _ name: String) throws -> Matrix {
        let tensor = try file.tensor(named: name)
        let rows = tensor.shape.first ?? 1
        let columns = tensor.shape.count > 1 ? tensor.shape[1] : 1
        return Matrix(rows: rows, columns: columns, values: try tensor.floats())
    }
}
