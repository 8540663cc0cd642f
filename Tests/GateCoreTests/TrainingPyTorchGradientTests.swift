@testable import GateCore
import GateFormats
import Testing

/// BPTT gradients against PyTorch autograd on the same weights (scripts/make_grad_fixtures.py).
@Suite struct TrainingPyTorchGradientTests {
    static let directory: String = {
        let file = #filePath
        return String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)]) + "/Fixtures"
    }()

    static let cases = [
        "lstm_ce", "lstm_2layer_bidir_masked", "lstm_mse_last", "lstm_embedding_ce", "gru_ce",
        "gru_2layer_bidir_masked", "rnn_tanh_mse_every", "rnn_relu_2layer_ce",
    ]

    /// Builds the network a fixture describes, from its PyTorch-named tensors.
    static func network(_ file: SafeTensors) throws -> RecurrentNetwork {
        func matrix(_ name: String) throws -> Matrix {
            let tensor = try file.tensor(named: name)
            return Matrix(rows: tensor.shape[0], columns: tensor.shape.count > 1 ? tensor.shape[1] : 1,
                          values: try tensor.floats())
        }
        let cell = file.metadata["cell"] ?? "lstm"
        let layers = Int(file.metadata["num_layers"] ?? "1") ?? 1
        let bidirectional = file.metadata["bidirectional"] == "true"
        var stack: [[CellWeights]] = []
        for l in 0..<layers {
            var directions: [CellWeights] = []
            for suffix in bidirectional ? ["", "_reverse"] : [""] {
                let s = "_l\(l)" + suffix
                let wih = try matrix("rnn.weight_ih" + s), whh = try matrix("rnn.weight_hh" + s)
                let bih = try matrix("rnn.bias_ih" + s).values, bhh = try matrix("rnn.bias_hh" + s).values
                switch cell {
                case "lstm": directions.append(.lstm(LSTMWeights(inputWeights: wih, recurrentWeights: whh, inputBias: bih, recurrentBias: bhh)))
                case "gru": directions.append(.gru(GRUWeights(inputWeights: wih, recurrentWeights: whh, inputBias: bih, recurrentBias: bhh)))
                default:
                    directions.append(.rnn(RNNWeights(inputWeights: wih, recurrentWeights: whh, inputBias: bih, recurrentBias: bhh,
                                                      usesRelu: file.metadata["nonlinearity"] == "relu")))
                }
            }
            stack.append(directions)
        }
        let embedding = file.names.contains("embedding.weight") ? try matrix("embedding.weight") : nil
        return RecurrentNetwork(layers: stack, embedding: embedding,
                                head: LinearHead(weights: try matrix("head.weight"), bias: try matrix("head.bias").values))
    }

    @Test(arguments: cases)
    func matchesAutograd(name: String) throws {
        let file = try SafeTensors(path: Self.directory + "/grad_" + name + ".safetensors")
        let network = try Self.network(file)
        var tokens: [Int]?
        let input: Matrix
        if file.names.contains("tokens") {
            tokens = try file.tensor(named: "tokens").floats().map { Int($0) }
            input = try network.encode(tokens: tokens!)
        } else {
            let tensor = try file.tensor(named: "input")
            input = Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: try tensor.floats())
        }
        let target: TrainingTarget
        if file.names.contains("target_classes") {
            target = .classes(try file.tensor(named: "target_classes").floats().map { Int($0) })
        } else {
            let tensor = try file.tensor(named: "target_values")
            let values = Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: try tensor.floats())
            target = .values(values, mask: try file.tensor(named: "target_mask").floats().map { $0 > 0.5 })
        }
        let result = network.lossAndGradient(input: input, tokens: tokens, target: target)
        let layout = try ParameterLayout(of: network)
        #expect(Set(layout.entries.map(\.name)) == Set(file.names.filter { $0.hasPrefix("grad.") }.map { String($0.dropFirst(5)) }))
        try Self.expect(loss: result.loss, gradient: result.gradient, match: file, layout: layout, label: name)

        // LSTM networks without an embedding also train batched (a batch of one here): same check.
        guard (file.metadata["cell"] ?? "lstm") == "lstm", tokens == nil else { return }
        #expect(network.supportsBatchTraining([input]))
        let batched = network.batchLossAndGradient(inputs: [input], targets: [target], layout: layout)
        try Self.expect(loss: batched.losses[0], gradient: batched.gradient, match: file, layout: layout,
                        label: "batched " + name)
    }

    /// The loss within 1e-5 and every tensor's gradient within 1e-4 of its largest value, against the fixture.
    static func expect(loss: Double, gradient: [Float], match file: SafeTensors, layout: ParameterLayout,
                       label: String) throws {
        let expectedLoss = try file.tensor(named: "loss").floats()[0]
        #expect(abs(Float(loss) - expectedLoss) <= 1e-5 * max(1, abs(expectedLoss)), "\(label) loss")
        for entry in layout.entries {
            let expected = try file.tensor(named: "grad." + entry.name).floats()
            let actual = Array(gradient[entry.range])
            let scale = max(expected.map(abs).max() ?? 0, 1e-6)
            let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst / scale <= 1e-4, "\(label) \(entry.name): max error \(worst) at scale \(scale)")
        }
    }
}
