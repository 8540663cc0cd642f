import GateCanvas
import GateCore

/// Measures the explorer's frame budget: the time to turn state into a 200×60 cell buffer, and how
/// many cells a plain step changes (what the terminal must flush).
public enum ExplorerBenchmark {
    /// One measured case.
    public struct Result: Sendable {
        /// What was measured.
        public var name: String
        /// Median render time in microseconds.
        public var medianMicroseconds: Double
        /// 90th-percentile render time in microseconds.
        public var p90Microseconds: Double
        /// Mean cells changed by a plain step (no page turn).
        public var cellsPerStep: Double
        /// Most cells changed by a plain step.
        public var maxCellsPerStep: Int
        /// Cells changed by a page turn (the time window moving), when one happened.
        public var cellsPerPageTurn: Int?
    }

    /// Runs every case and returns a report, one line per case.
    public static func run() -> String {
        let results = [
            measure(name: "built-in demo (LSTM 6 units, 13 steps)", run: BuiltInDemo.run()),
            measure(name: "LSTM 2→64, 2000 steps, head", run: syntheticRun(hidden: 64, steps: 2000)),
            measure(name: "LSTM 2→256, 2000 steps, head", run: syntheticRun(hidden: 256, steps: 2000)),
        ]
        var lines = ["explorer render into a 200×60 cell buffer (truecolor), \(iterations) frames per case:"]
        for result in results {
            var line = "  \(result.name): median \(NumberFormat.fixed(result.medianMicroseconds / 1000, 3)) ms, "
                + "p90 \(NumberFormat.fixed(result.p90Microseconds / 1000, 3)) ms; plain step changes "
                + "\(NumberFormat.fixed(result.cellsPerStep, 1)) cells on average (max \(result.maxCellsPerStep))"
            if let page = result.cellsPerPageTurn { line += ", a page turn \(page)" }
            lines.append(line + " of 12000")
        }
        return lines.joined(separator: "\n")
    }

    /// Frames rendered per case.
    static let iterations = 300

    /// Measures one run at 200×60.
    public static func measure(name: String, run: ExplorerRun, width: Int = 200, height: Int = 60) -> Result {
        var state = ExplorerState(run: run)
        let clock = ContinuousClock()
        var times: [Double] = []
        var changes: [Int] = []
        var pageTurns: [Int] = []
        var previous: CellBuffer?
        var previousStart = -1
        for frame in 0..<iterations {
            state.move(to: frame % max(1, run.steps))
            var buffer = CellBuffer(width: width, height: height, colorMode: .truecolor)
            let start = clock.now
            ExplorerFrame(state: state, width: width, height: height, mode: .truecolor).render(into: &buffer)
            let elapsed = start.duration(to: clock.now)
            times.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
            let window = TimeWindow(step: state.step, total: run.steps,
                                    width: ExplorerLayout(state: state, width: width, height: height,
                                                          colorMode: .truecolor).heatmapWidth)
            if let previous, frame % max(1, run.steps) != 0 {
                let changed = buffer.changes(from: previous).count
                if window.start == previousStart { changes.append(changed) } else { pageTurns.append(changed) }
            }
            previous = buffer
            previousStart = window.start
        }
        let sorted = times.sorted()
        return Result(name: name, medianMicroseconds: sorted[sorted.count / 2],
                      p90Microseconds: sorted[sorted.count * 9 / 10],
                      cellsPerStep: changes.isEmpty ? 0 : Double(changes.reduce(0, +)) / Double(changes.count),
                      maxCellsPerStep: changes.max() ?? 0, cellsPerPageTurn: pageTurns.max())
    }

    /// A deterministic LSTM with a head over a two-feature wave.
    public static func syntheticRun(hidden: Int, steps: Int) -> ExplorerRun {
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(seed >> 40) / Float(1 << 24) * 2 - 1
        }
        func matrix(_ rows: Int, _ columns: Int, scale: Float) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in next() * scale })
        }
        let lstm = LSTMWeights(inputWeights: matrix(4 * hidden, 2, scale: 1.5),
                               recurrentWeights: matrix(4 * hidden, hidden, scale: 1 / Float(hidden).squareRoot()),
                               inputBias: matrix(1, 4 * hidden, scale: 1).values)
        let network = RecurrentNetwork(layers: [[.lstm(lstm)]], head: LinearHead(weights: matrix(1, hidden, scale: 0.3)))
        var input = Matrix(rows: steps, columns: 2)
        for t in 0..<steps {
            input[t, 0] = Activation.tanh(Float(t % 40) / 10 - 2)
            input[t, 1] = t % 17 == 0 ? 1 : 0
        }
        let trace = (try? network.run(input)) ?? NetworkTrace(input: input, layers: [])
        return ExplorerRun(name: "synthetic", title: "synthetic LSTM", trace: trace, network: network)
    }
}
