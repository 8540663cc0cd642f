import GateCore
import GateFormats

/// Paths and readers for the ConvLSTM fixtures made by scripts/make_convlstm_fixtures.py.
enum ConvLSTMFixture {
    /// The forward cases (each has `.model` and `.expected` files).
    static let cases = ["convlstm_k3", "convlstm_even", "convlstm_peephole", "convlstm_2layer"]

    /// The expected file of a case.
    static func expected(_ name: String) throws -> SafeTensors {
        try SafeTensors(path: GoldenFixture.path(name + ".expected"))
    }

    /// The model of a case, imported with the frame size from the expected file.
    static func network(_ name: String, expected: SafeTensors) throws -> ConvLSTMNetwork {
        try ConvLSTMImporter.load(path: GoldenFixture.modelPath(name, expected: expected),
                                  height: Int(expected.metadata["height"] ?? ""), width: Int(expected.metadata["width"] ?? ""))
    }

    /// A tensor flattened to rows × (everything else).
    static func matrix(_ file: SafeTensors, _ name: String) throws -> Matrix {
        let tensor = try file.tensor(named: name)
        let rows = tensor.shape.first ?? 1
        return Matrix(rows: rows, columns: tensor.shape.dropFirst().reduce(1, *), values: try tensor.floats())
    }
}
