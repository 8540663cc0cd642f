#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Next-value prediction of a sine wave, as in pytorch/examples time_sequence_prediction:
/// x_i = sin((i + k) / 20) with a random phase k; at every step predict x_{i+1}.
public struct SineTask: TrainingTask {
    public let name = "sine"
    public let title = "Sine wave"
    public let story = "The cells settle into a rotation: pairs of units trace shifted sines, and the head combines them into the next value."
    public let explanation = """
        Input: one value per step of sin((i + k)/20). Target: the next value. One value does not say \
        whether the wave is rising or falling; the state must carry the phase. The hidden units trace \
        phase-shifted copies of the wave and the head adds them up, like sin(a + b) = sin a cos b + cos a sin b.
        """
    public let vocabulary: [String]? = nil
    public let featureNames: [String]? = ["value"]
    public let outputNames = ["next value"]
    public let inputSize = 1
    public let outputSize = 1
    public let defaults = TaskDefaults(hiddenSize: 8, steps: 800, batchSize: 8, learningRate: 0.01)

    /// Sequence length.
    public let length: Int
    /// Steps at the start excluded from the metric (the state needs a few values to find the phase).
    public let warmUp = 5

    /// The task with sequences of `length` steps.
    public init(length: Int = 60) { self.length = max(warmUp + 2, length) }

    func sample(phase: Float) -> TaskExample {
        let values = (0...length).map { Float(sin(Double(Float($0) + phase) / 20)) }
        let input = Matrix(rows: length, columns: 1, values: Array(values[0..<length]))
        let target = Matrix(rows: length, columns: 1, values: Array(values[1...length]))
        let mask = (0..<length).map { $0 >= warmUp }
        return TaskExample(input: input, target: .values(target, mask: mask))
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample {
        sample(phase: random.nextFloat(-160, 160))
    }

    public func heldOutExamples() -> [TaskExample] {
        seededExamples(50, seed: 0x51_4E) { sample(phase: $0.nextFloat(-160, 160)) }
    }

    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        var total = 0.0, count = 0
        for (example, outputs) in heldOutOutputs(network) {
            guard case .values(let target, let mask) = example.target else { continue }
            for t in 0..<target.rows where mask[t] {
                let e = Double(outputs[t, 0] - target[t, 0])
                total += e * e
                count += 1
            }
        }
        return TaskMetric(key: "mse",
                          description: "mean squared error of the next value over 50 held-out waves of \(length) steps (after \(warmUp) warm-up steps); a wave has variance 0.5",
                          value: count == 0 ? .infinity : total / Double(count), goal: 1e-3, higherIsBetter: false)
    }

    public func demoInput() -> String { renderCSV(sample(phase: 0).input) }
}
