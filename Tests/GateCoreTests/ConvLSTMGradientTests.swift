import GateCore
import GateFormats
import Testing

/// The ConvLSTM backward pass against torch autograd (float64) on a 2-layer peephole network with
/// a 1×1 head and mean BCE-with-logits over every step (fixture `convlstm_grad`).
@Suite struct ConvLSTMGradientTests {
    @Test func gradientMatchesTorchAutograd() throws {
        let expected = try ConvLSTMFixture.expected("convlstm_grad")
        let network = try ConvLSTMFixture.network("convlstm_grad", expected: expected)
        let frames = try ConvLSTMFixture.matrix(expected, "input")
        let targets = try ConvLSTMFixture.matrix(expected, "target")
        let (loss, gradient) = network.pixelLossAndGradient(frames: frames, targets: targets)
        let torchLoss = try expected.tensor(named: "loss").floats()[0]
        #expect(abs(loss - torchLoss) <= 1e-5)
        var names: [String] = []
        for k in network.layers.indices {
            names += ["input_kernel", "recurrent_kernel", "bias", "peephole"].map { "grad." + ConvLSTMExporter.tensorName($0, layer: k) }
        }
        names += ["grad.head.weight", "grad.head.bias"]
        var reference: [Float] = []
        for name in names { reference += try expected.tensor(named: name).floats() }
        #expect(reference.count == gradient.count)
        let scale = reference.map(abs).max() ?? 1
        let worst = zip(gradient, reference).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-5 * max(1, scale), "max |Δ| = \(worst) (largest gradient \(scale))")
    }

    @Test func parametersRoundTrip() throws {
        var rng = SplitMix64(seed: 3)
        var network = ConvLSTMNetwork.random(inputChannels: 1, channels: [2, 3], kernelHeight: 3, kernelWidth: 2,
                                             height: 4, width: 5, peepholes: true, headOutputs: 1, rng: &rng)
        let values = network.parameters
        #expect(values.count == network.parameterCount)
        network.setParameters(values.map { $0 + 1 })
        #expect(network.parameters == values.map { $0 + 1 })
    }
}
