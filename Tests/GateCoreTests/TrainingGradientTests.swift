import Testing
@testable import GateCore

/// Backpropagation through time against central finite differences, for every cell kind.
@Suite struct TrainingGradientTests {
    /// Central differences of the loss for every parameter, compared with the analytic gradient.
    static func check(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil, target: TrainingTarget,
                      epsilon: Float = 4e-3, floor: Float = 2e-3) throws {
        let layout = try ParameterLayout(of: network)
        let flat = layout.flatten(network)
        let analytic = network.lossAndGradient(input: input, tokens: tokens, target: target).gradient
        #expect(analytic.count == layout.count)
        var worst: Float = 0
        for k in 0..<layout.count {
            var plus = flat, minus = flat
            plus[k] += epsilon
            minus[k] -= epsilon
            var a = network, b = network
            layout.assign(plus, to: &a)
            layout.assign(minus, to: &b)
            let inputA = a.embedding != nil ? try a.encode(tokens: tokens!) : input
            let inputB = b.embedding != nil ? try b.encode(tokens: tokens!) : input
            let lossPlus = a.lossAndGradient(input: inputA, tokens: tokens, target: target).loss
            let lossMinus = b.lossAndGradient(input: inputB, tokens: tokens, target: target).loss
            let numeric = Float((lossPlus - lossMinus) / Double(2 * epsilon))
            let error = abs(numeric - analytic[k]) / (floor + abs(numeric))
            worst = max(worst, error)
            let name = layout.entries.first { $0.range.contains(k) }?.name ?? "?"
            #expect(error < 2e-2, "\(name)[\(k)]: analytic \(analytic[k]) numeric \(numeric)")
        }
        #expect(worst < 2e-2)
    }

    static func network(_ kind: CellKind, layers: Int = 1, bidirectional: Bool = false, outputs: Int? = 3,
                        embedding: (tokens: Int, width: Int)? = nil, seed: UInt64 = 7) -> RecurrentNetwork {
        var random = SplitMix64(seed: seed)
        return .initialized(kind: kind, inputSize: 3, hiddenSize: 4, layers: layers, bidirectional: bidirectional,
                            outputSize: outputs, embedding: embedding, forgetBias: 0.5, random: &random)
    }

    static func input(steps: Int, seed: UInt64 = 3) -> Matrix {
        var random = SplitMix64(seed: seed)
        return Matrix(rows: steps, columns: 3, values: (0..<(steps * 3)).map { _ in random.nextFloat(-1.5, 1.5) })
    }

    @Test(arguments: [CellKind.lstm, .gru, .rnnTanh])
    func crossEntropyEveryStep(kind: CellKind) throws {
        try Self.check(Self.network(kind), input: Self.input(steps: 6), target: .classes([0, 2, 1, 1, 0, 2]))
    }

    @Test(arguments: [CellKind.lstm, .gru, .rnnTanh])
    func stackedBidirectionalMaskedClasses(kind: CellKind) throws {
        try Self.check(Self.network(kind, layers: 2, bidirectional: true), input: Self.input(steps: 5),
                       target: .classes([-1, 2, -1, -1, 1]))
    }

    @Test(arguments: [CellKind.lstm, .gru, .rnnTanh, .rnnRelu])
    func meanSquaredLastStep(kind: CellKind) throws {
        let target = Matrix(rows: 5, columns: 2, values: [0, 0, 0, 0, 0, 0, 0, 0, 0.7, -0.4])
        try Self.check(Self.network(kind, layers: 2, outputs: 2), input: Self.input(steps: 5),
                       target: .values(target, mask: [false, false, false, false, true]),
                       epsilon: kind == .rnnRelu ? 1e-3 : 4e-3, floor: kind == .rnnRelu ? 1e-2 : 2e-3)
    }

    @Test func embeddingRowsGetGradients() throws {
        let network = Self.network(.lstm, outputs: 4, embedding: (tokens: 4, width: 3))
        let tokens = [0, 3, 3, 1, 2]
        try Self.check(network, input: try network.encode(tokens: tokens), tokens: tokens,
                       target: .classes([3, 3, 1, 2, 0]))
    }

    @Test func noHeadTrainsTheTopLayerDirectly() throws {
        let target = Matrix(rows: 4, columns: 4, values: (0..<16).map { Float($0 % 3) * 0.2 - 0.2 })
        try Self.check(Self.network(.gru, outputs: nil), input: Self.input(steps: 4),
                       target: .values(target, mask: [true, true, false, true]))
    }
}
