/// Helpers the tasks share for scoring outputs.
public enum TaskScoring {
    /// The column with the largest value in `row` of `matrix`.
    public static func argmax(_ matrix: Matrix, row: Int) -> Int {
        var best = 0
        var bestValue = -Float.infinity
        for k in 0..<matrix.columns where matrix[row, k] > bestValue {
            bestValue = matrix[row, k]
            best = k
        }
        return best
    }

    /// The head's outputs of `network` over `example` (the top layer's output without a head).
    public static func outputs(of network: RecurrentNetwork, for example: TaskExample) -> Matrix {
        do {
            let trace = try network.run(example.input, tokens: example.tokens)
            return trace.output ?? RecurrentNetwork.topOutput(of: trace)
        } catch {
            return Matrix(rows: example.input.rows, columns: network.head?.outputSize ?? network.outputWidth)
        }
    }

    /// The indices of the `count` largest values of `row` of `matrix`, largest first.
    public static func top(_ count: Int, of matrix: Matrix, row: Int) -> [Int] {
        let values = matrix.row(row)
        return Array(values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }.prefix(count))
    }
}
