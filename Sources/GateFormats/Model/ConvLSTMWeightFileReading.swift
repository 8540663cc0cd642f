import GateCore

extension WeightFile {
    /// A 4-D tensor [rows, a, b, c] read as a rows × (a·b·c) matrix (C order keeps the flattening).
    func matrix4(_ name: String, shape: [Int], role: String) throws -> Matrix {
        Matrix(rows: shape[0], columns: shape.dropFirst().reduce(1, *), values: try floats(name, shape: shape, role: role))
    }
}
