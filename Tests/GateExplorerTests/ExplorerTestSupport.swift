import GateCanvas
import GateCore
@testable import GateExplorer

/// Helpers shared by the explorer tests.
enum ExplorerTestSupport {
    /// The built-in demo's state.
    static func demoState() -> ExplorerState { ExplorerState(run: BuiltInDemo.run()) }

    /// `state` rendered into a `width` × `height` buffer.
    static func render(_ state: ExplorerState, width: Int = 120, height: Int = 40,
                       mode: ColorMode = .truecolor) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        ExplorerFrame(state: state, width: width, height: height, mode: mode).render(into: &buffer)
        return buffer
    }

    /// The app after handling `keys`, with the screen size known.
    static func app(after keys: [Key], width: Int = 120, height: Int = 40) -> ExplorerApp {
        var app = ExplorerApp(run: BuiltInDemo.run())
        _ = app.handle(.resize(width: width, height: height))
        for key in keys { _ = app.handle(.key(key)) }
        return app
    }

    /// A seeded pseudo-random network of `kind` (for GRU/RNN and multi-layer tests).
    static func randomNetwork(kind: CellKind, input: Int, hidden: Int, layers: Int = 1,
                              bidirectional: Bool = false, seed: UInt64 = 7) -> RecurrentNetwork {
        var generator = SplitMix(seed: seed)
        func matrix(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in generator.nextFloat() * 1.6 - 0.8 })
        }
        var stack: [[CellWeights]] = []
        var width = input
        for _ in 0..<layers {
            var directions: [CellWeights] = []
            for _ in 0..<(bidirectional ? 2 : 1) {
                switch kind {
                case .lstm:
                    directions.append(.lstm(LSTMWeights(inputWeights: matrix(4 * hidden, width),
                                                        recurrentWeights: matrix(4 * hidden, hidden),
                                                        inputBias: matrix(1, 4 * hidden).values)))
                case .gru:
                    directions.append(.gru(GRUWeights(inputWeights: matrix(3 * hidden, width),
                                                      recurrentWeights: matrix(3 * hidden, hidden),
                                                      inputBias: matrix(1, 3 * hidden).values,
                                                      recurrentBias: matrix(1, 3 * hidden).values)))
                case .rnnTanh, .rnnRelu:
                    directions.append(.rnn(RNNWeights(inputWeights: matrix(hidden, width),
                                                      recurrentWeights: matrix(hidden, hidden),
                                                      inputBias: matrix(1, hidden).values, usesRelu: kind == .rnnRelu)))
                }
            }
            stack.append(directions)
            width = hidden * (bidirectional ? 2 : 1)
        }
        return RecurrentNetwork(layers: stack, head: LinearHead(weights: matrix(1, width)))
    }

    /// A run of `network` over a sine input of `steps` steps.
    static func sineRun(_ network: RecurrentNetwork, steps: Int = 50) throws -> ExplorerRun {
        var input = Matrix(rows: steps, columns: network.inputSize)
        for t in 0..<steps { for k in 0..<network.inputSize { input[t, k] = Float(t + k).squareRoot().truncatingRemainder(dividingBy: 1.7) - 0.8 } }
        let trace = try network.run(input)
        return ExplorerRun(name: "random", title: "random weights", trace: trace, network: network)
    }
}

/// A tiny deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func nextFloat() -> Float { Float(next() >> 40) / Float(1 << 24) }
}
