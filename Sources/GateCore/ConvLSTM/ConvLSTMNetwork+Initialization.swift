extension ConvLSTMNetwork {
    /// A freshly initialised network: kernels U(−1/√fan_in, 1/√fan_in) with fan_in = channels·kh·kw
    /// (PyTorch's conv default bound), biases zero except the forget gate's +1 (Keras's
    /// `unit_forget_bias`), peepholes U(−0.1, 0.1) when asked, and a 1×1 head to `headOutputs` channels.
    public static func random(inputChannels: Int, channels: [Int], kernelHeight: Int, kernelWidth: Int,
                              height: Int, width: Int, peepholes: Bool = false, headOutputs: Int? = nil,
                              rng: inout SplitMix64) -> ConvLSTMNetwork {
        func uniform(_ count: Int, _ bound: Float) -> [Float] { (0..<count).map { _ in rng.nextFloat(-bound, bound) } }
        var layers: [ConvLSTMWeights] = []
        var incoming = inputChannels
        let taps = kernelHeight * kernelWidth
        for c in channels {
            let inputFan = incoming * taps, recurrentFan = c * taps
            var bias = [Float](repeating: 0, count: 4 * c)
            for ch in c..<(2 * c) { bias[ch] = 1 }
            layers.append(ConvLSTMWeights(
                inputKernel: Matrix(rows: 4 * c, columns: inputFan, values: uniform(4 * c * inputFan, 1 / Float(inputFan).squareRoot())),
                recurrentKernel: Matrix(rows: 4 * c, columns: recurrentFan,
                                        values: uniform(4 * c * recurrentFan, 1 / Float(recurrentFan).squareRoot())),
                bias: bias,
                peepholes: peepholes ? Matrix(rows: 3, columns: c * height * width, values: uniform(3 * c * height * width, 0.1)) : nil,
                kernelHeight: kernelHeight, kernelWidth: kernelWidth))
            incoming = c
        }
        var head: ConvLSTMHead? = nil
        if let headOutputs {
            let bound = 1 / Float(incoming).squareRoot()
            head = .pointwise(LinearHead(weights: Matrix(rows: headOutputs, columns: incoming, values: uniform(headOutputs * incoming, bound)),
                                         bias: [Float](repeating: 0, count: headOutputs)))
        }
        return ConvLSTMNetwork(layers: layers, height: height, width: width, head: head)
    }
}
