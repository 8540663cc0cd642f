extension RecurrentNetwork {
    /// A freshly initialised network, like PyTorch's: every recurrent weight and bias drawn from
    /// U(−1/√H, 1/√H), the head from U(−1/√I, 1/√I) (I its input width), an embedding from N(0, 1)
    /// approximated by the sum of uniforms.
    ///
    /// `forgetBias` (LSTM only) is added to both halves' forget-gate biases, so `1` starts every
    /// forget gate near σ(1) ≈ 0.73 (Gers et al. 2000; Jozefowicz et al. 2015) and memories last longer.
    public static func initialized(kind: CellKind, inputSize: Int, hiddenSize: Int, layers: Int = 1,
                                   bidirectional: Bool = false, outputSize: Int?, embedding: (tokens: Int, width: Int)? = nil,
                                   forgetBias: Float = 0, random: inout SplitMix64) -> RecurrentNetwork {
        let bound = 1 / Float(hiddenSize).squareRoot()
        func uniform(_ count: Int, _ limit: Float) -> [Float] {
            (0..<count).map { _ in random.nextFloat(-limit, limit) }
        }
        var embeddingMatrix: Matrix?
        var width = inputSize
        if let embedding {
            let values = (0..<(embedding.tokens * embedding.width)).map { _ -> Float in
                var sum: Float = 0
                for _ in 0..<12 { sum += random.nextUnit() }
                return sum - 6
            }
            embeddingMatrix = Matrix(rows: embedding.tokens, columns: embedding.width, values: values)
            width = embedding.width
        }
        var stack: [[CellWeights]] = []
        for _ in 0..<layers {
            var directions: [CellWeights] = []
            for _ in 0..<(bidirectional ? 2 : 1) {
                let rows = hiddenSize * kind.gateCount
                let wih = Matrix(rows: rows, columns: width, values: uniform(rows * width, bound))
                let whh = Matrix(rows: rows, columns: hiddenSize, values: uniform(rows * hiddenSize, bound))
                var bih = uniform(rows, bound), bhh = uniform(rows, bound)
                switch kind {
                case .lstm:
                    for j in hiddenSize..<(2 * hiddenSize) { bih[j] += forgetBias / 2; bhh[j] += forgetBias / 2 }
                    directions.append(.lstm(LSTMWeights(inputWeights: wih, recurrentWeights: whh, inputBias: bih, recurrentBias: bhh)))
                case .gru:
                    directions.append(.gru(GRUWeights(inputWeights: wih, recurrentWeights: whh, inputBias: bih, recurrentBias: bhh)))
                case .rnnTanh, .rnnRelu:
                    directions.append(.rnn(RNNWeights(inputWeights: wih, recurrentWeights: whh, inputBias: bih,
                                                      recurrentBias: bhh, usesRelu: kind == .rnnRelu)))
                }
            }
            stack.append(directions)
            width = hiddenSize * (bidirectional ? 2 : 1)
        }
        var head: LinearHead?
        if let outputSize {
            let limit = 1 / Float(width).squareRoot()
            head = LinearHead(weights: Matrix(rows: outputSize, columns: width, values: uniform(outputSize * width, limit)),
                              bias: uniform(outputSize, limit))
        }
        return RecurrentNetwork(layers: stack, embedding: embeddingMatrix, head: head)
    }
}
