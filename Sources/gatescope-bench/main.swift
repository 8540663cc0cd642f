// Benchmarks for gatescope, run as a release executable, never inside `swift test`:
//
//     swift run -c release gatescope-bench [core|explorer|all]
//     swift run -c release gatescope-bench frame-cpu         (render time in thread CPU time)
//     swift run -c release gatescope-bench pale [demos-dir]   (belt pale share, docs/benchmarks.md)
//     swift run -c release gatescope-bench replay-scale [steps] [directory]   (writes ~5.6 GB at 1e6 steps)
//
// Prints one line per measurement; docs/benchmarks.md records the figures and this command.
import GateCanvas
import GateCore
import GateExplorer
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in seconds.
func now() -> Double { clockSeconds(CLOCK_MONOTONIC) }

/// The reading of clock `id` in seconds.
func clockSeconds(_ id: clockid_t) -> Double {
    var spec = timespec()
    clock_gettime(id, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// A deterministic pseudo-random value in [−scale, scale].
struct BenchRandom {
    var state: UInt64
    mutating func next(scale: Float) -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
    }
    mutating func matrix(_ rows: Int, _ columns: Int, scale: Float) -> Matrix {
        Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in next(scale: scale) })
    }
}

/// Whole-sequence forward with every gate captured, timesteps per second, best of several runs.
func benchmarkCore(kind: CellKind, inputSize: Int, hiddenSize: Int, steps: Int) -> (usPerStep: Double, stepsPerSecond: Double) {
    var random = BenchRandom(state: 42)
    let scale = 1 / Float(hiddenSize).squareRoot()
    let gates = kind.gateCount
    let ih = random.matrix(gates * hiddenSize, inputSize, scale: scale)
    let hh = random.matrix(gates * hiddenSize, hiddenSize, scale: scale)
    let b1 = random.matrix(1, gates * hiddenSize, scale: scale).values
    let b2 = random.matrix(1, gates * hiddenSize, scale: scale).values
    let weights: CellWeights
    switch kind {
    case .lstm: weights = .lstm(LSTMWeights(inputWeights: ih, recurrentWeights: hh, inputBias: b1, recurrentBias: b2))
    case .gru: weights = .gru(GRUWeights(inputWeights: ih, recurrentWeights: hh, inputBias: b1, recurrentBias: b2))
    case .rnnTanh, .rnnRelu: weights = .rnn(RNNWeights(inputWeights: ih, recurrentWeights: hh, inputBias: b1, recurrentBias: b2))
    }
    let network = RecurrentNetwork(layers: [[weights]])
    let input = random.matrix(steps, inputSize, scale: 1)
    var best = Double.infinity
    var checksum: Float = 0
    for _ in 0..<7 {
        let start = now()
        let trace = try! network.run(input)
        let elapsed = now() - start
        checksum += trace.layers[0].hidden.values.last ?? 0
        best = min(best, elapsed)
    }
    if checksum.isNaN { print("nan") }
    let perStep = best / Double(steps) * 1e6
    return (perStep, 1e6 / perStep)
}

let mode = CommandLine.arguments.dropFirst().first ?? "all"
if mode == "core" || mode == "all" {
    print("core: whole-sequence forward, every gate captured, batch 1, one thread (best of 7)")
    // `core 64` measures only the sizes whose input is 64 (for profiling one case).
    let onlyInput = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) : nil
    for kind in [CellKind.lstm, .gru, .rnnTanh] {
        for (x, h, steps) in [(1, 8, 20_000), (64, 128, 4_000), (256, 512, 400)] where onlyInput.map({ $0 == x }) ?? true {
            let result = benchmarkCore(kind: kind, inputSize: x, hiddenSize: h, steps: steps)
            let line = "  \(kind.displayName) \(x)→\(h): \(format2(result.usPerStep)) µs/step, \(Int(result.stepsPerSecond)) steps/s"
            print(line)
        }
    }
}

if mode == "explorer" || mode == "all" {
    print(ExplorerBenchmark.run())
}

if mode == "replay-scale" {
    do {
        try runReplayScale(arguments: Array(CommandLine.arguments.dropFirst(2)))
    } catch {
        print("replay-scale: \(error)")
    }
}
if mode == "frame-cpu" {
    runFrameCPU()
}
if mode == "pale" {
    do {
        try runBeltPaleness(arguments: Array(CommandLine.arguments.dropFirst(2)))
    } catch {
        print("pale: \(error)")
    }
}
if mode == "replay-scale-read", CommandLine.arguments.count > 2 {
    do {
        try readScaleTrace(path: CommandLine.arguments[2])
    } catch {
        print("replay-scale: \(error)")
    }
}

/// Two decimals without Foundation.
func format2(_ value: Double) -> String {
    let scaled = (value * 100).rounded()
    let whole = Int(scaled) / 100, frac = Int(scaled) % 100
    return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
}
