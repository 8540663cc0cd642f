import GateCore
import GateFormats
import Testing

/// The gradient-flow view's numbers against PyTorch autograd (scripts/make_gradflow_fixtures.py).
@Suite struct TeachingGradientFlowTests {
    static let cases = ["lstm", "gru", "rnn", "lstm_2layer_bidir"]

    /// Largest |a − b| relative to the largest |b| (1e-12 floor).
    static func relativeError(_ a: [Float], _ b: [Float]) -> Float {
        let scale = max(1e-12, b.map(abs).max() ?? 0)
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    @Test(arguments: cases)
    func matchesAutograd(name: String) throws {
        let file = try SafeTensors(path: TrainingPyTorchGradientTests.directory + "/gradflow_" + name + ".safetensors")
        let network = try TrainingPyTorchGradientTests.network(file)
        let tensor = try file.tensor(named: "input")
        let input = Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: try tensor.floats())
        let outputStep = Int(file.metadata["output_step"] ?? "0")!
        let unit = Int(file.metadata["output_unit"] ?? "0")!
        let trace = try network.run(input)
        let series = try network.gradientFlowSeries(input: input, trace: trace, outputStep: outputStep, unit: unit)
        #expect(series.count == trace.layers.count)
        for (layer, flow) in zip(trace.layers, series) {
            let key = layer.key
            #expect(flow.outputUnit == unit)
            let hidden = try file.tensor(named: "hidden_norms_" + key).floats()
            #expect(Self.relativeError(flow.hiddenNorms, hidden) <= 1e-4, "\(name) \(key) ‖∂y/∂h‖")
            let units = try file.tensor(named: "unit_grad_" + key).floats()
            #expect(Self.relativeError(flow.unitGradients.values, units) <= 1e-4, "\(name) \(key) ∂y/∂state")
            if layer.kind == .lstm {
                let cell = try file.tensor(named: "cell_norms_" + key).floats()
                #expect(Self.relativeError(flow.cellNorms, cell) <= 1e-4, "\(name) \(key) ‖∂y/∂c‖")
            }
            if layer.kind == .lstm || layer.kind == .gru {
                let path = try file.tensor(named: "cell_path_" + key).floats()
                let mine = try #require(flow.cellPath)
                #expect(Self.relativeError(mine.values, path) <= 1e-4, "\(name) \(key) Π gate")
            } else {
                #expect(flow.cellPath == nil)
            }
        }
    }

    @Test func distancesStartAtTheOutputStep() throws {
        let file = try SafeTensors(path: TrainingPyTorchGradientTests.directory + "/gradflow_lstm.safetensors")
        let network = try TrainingPyTorchGradientTests.network(file)
        let tensor = try file.tensor(named: "input")
        let input = Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: try tensor.floats())
        let trace = try network.run(input)
        let flow = try network.gradientFlowSeries(input: input, trace: trace, outputStep: 11, unit: 1)[0]
        let points = flow.byDistance
        #expect(points.count == 12)
        #expect(points.first?.distance == 0 && points.last?.distance == 11)
        #expect(points[3].magnitude == flow.cellNorms[8])
    }
}
