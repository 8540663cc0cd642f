import GateCore
import GateFormats
import Testing

/// Training is deterministic: the same seed gives the same bytes; another seed does not.
@Suite struct TrainingDeterminismTests {
    static func train(_ task: any TrainingTask, cell: CellKind, seed: UInt64, steps: Int) throws -> [UInt8] {
        var configuration = TrainingConfiguration(defaults: task.defaults, cell: cell, seed: seed)
        configuration.steps = steps
        var trainer = try Trainer(task: task, configuration: configuration)
        while !trainer.isFinished { trainer.step() }
        return try ModelExporter.serialize(trainer.finishedNetwork(metric: trainer.evaluate()))
    }

    @Test(arguments: [CellKind.lstm, .gru, .rnnTanh])
    func sameSeedSameBytes(cell: CellKind) throws {
        let a = try Self.train(BracketsTask(), cell: cell, seed: 42, steps: 30)
        let b = try Self.train(BracketsTask(), cell: cell, seed: 42, steps: 30)
        let c = try Self.train(BracketsTask(), cell: cell, seed: 43, steps: 30)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func trainingLowersTheLoss() throws {
        var configuration = TrainingConfiguration(defaults: SineTask().defaults, seed: 3)
        configuration.steps = 150
        var trainer = try Trainer(task: SineTask(), configuration: configuration)
        let first = trainer.step().loss
        while !trainer.isFinished { trainer.step() }
        #expect(trainer.smoothedLoss! < first / 5)
    }

    @Test func adamMatchesPyTorchsFirstSteps() {
        // torch.optim.Adam([p], lr=0.1) with p = [1, -2], grad = [0.5, 0.25] twice:
        // each step moves every coordinate by lr (m̂ / √v̂ = sign(g) for a constant gradient).
        var adam = AdamOptimizer(count: 2, learningRate: 0.1)
        var p: [Float] = [1, -2]
        adam.update(&p, gradient: [0.5, 0.25])
        adam.update(&p, gradient: [0.5, 0.25])
        #expect(abs(p[0] - 0.8) < 1e-5 && abs(p[1] - -2.2) < 1e-5)
    }

    @Test func clippingScalesToTheGlobalNorm() {
        var g: [Float] = [3, 4]
        let norm = AdamOptimizer.clipGlobalNorm(&g, maxNorm: 1)
        #expect(norm == 5)
        #expect(abs(g[0] - 0.6) < 1e-5 && abs(g[1] - 0.8) < 1e-5)
    }

    @Test func gradientFlowOfAnLSTMReachesBackAndStopsAfterTheOutputStep() throws {
        var random = SplitMix64(seed: 9)
        let network = RecurrentNetwork.initialized(kind: .lstm, inputSize: 2, hiddenSize: 3, outputSize: 2,
                                                   forgetBias: 1, random: &random)
        let input = Matrix(rows: 8, columns: 2, values: (0..<16).map { Float($0 % 3) - 1 })
        let flow = try network.gradientFlow(input: input, outputStep: 5, unit: 1)
        #expect(flow.hiddenNorms.count == 1 && flow.hiddenNorms[0].count == 8)
        #expect(flow.hiddenNorms[0][6] == 0 && flow.hiddenNorms[0][7] == 0)
        #expect(flow.cellNorms[0][0] > 0 && flow.cellNorms[0][5] > flow.cellNorms[0][0])
        #expect(throws: ShapeError.self) { try network.gradientFlow(input: input, outputStep: 8) }
    }
}
