import Foundation
import GateCore
import GateFormats
import Testing

/// The shipped demo `demos/convlstm-moving-square/`: the model loads, runs, and reaches the held-out
/// IoU its README states. With `GATESCOPE_TRAIN_CONVLSTM_DEMO=1` (and `-c release`) the training test
/// remakes the demo's files.
@Suite struct ConvLSTMDemoTests {
    /// The demo folder.
    static let directory: String = {
        let file = #filePath
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/demos/convlstm-moving-square"
    }()

    /// Held-out clips come from this seed (training uses `trainingSeed`).
    static let heldOutSeed: UInt64 = 0xC0FFEE
    /// The training clips' seed.
    static let trainingSeed: UInt64 = 2015
    /// The initialisation seed.
    static let initSeed: UInt64 = 1506
    /// Updates.
    static let iterations = Int(ProcessInfo.processInfo.environment["GATESCOPE_CONVLSTM_ITERATIONS"] ?? "") ?? 4500
    /// Hidden channels per layer.
    static let channels = [8]

    @Test func shippedDemoMeetsItsMetric() throws {
        let network = try ConvLSTMImporter.load(path: Self.directory + "/model.safetensors")
        let stated = try #require(Float(network.metadata["held_out_iou"] ?? ""))
        let task = MovingSquareTask()
        let (iou, baseline) = task.score(network, count: 200, seed: Self.heldOutSeed)
        #expect(abs(iou - stated) < 1e-3, "measured \(iou), README/metadata say \(stated)")
        #expect(iou > 0.8 && iou > baseline + 0.3)
        let frames = try CSVSequence(path: Self.directory + "/frames.csv").matrix
        let trace = network.run(frames)
        #expect(trace.layers.count == network.layers.count && trace.steps == task.steps)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["GATESCOPE_TRAIN_CONVLSTM_DEMO"] == "1"))
    func trainDemo() throws {
        let task = MovingSquareTask()
        var rng = SplitMix64(seed: Self.initSeed)
        var network = ConvLSTMNetwork.random(inputChannels: 1, channels: Self.channels, kernelHeight: 3, kernelWidth: 3,
                                             height: task.size, width: task.size, headOutputs: 1, rng: &rng)
        let trainer = ConvLSTMTrainer(task: task, learningRate: Float(ProcessInfo.processInfo.environment["GATESCOPE_CONVLSTM_LR"] ?? "") ?? 0.02)
        let clock = ContinuousClock()
        let start = clock.now
        let report = trainer.train(&network, iterations: Self.iterations, seed: Self.trainingSeed) { iteration, loss in
            print("iteration \(iteration): loss \(loss)")
        }
        let seconds = (clock.now - start).components
        let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) * 1e-18
        let (iou, baseline) = task.score(network, count: 200, seed: Self.heldOutSeed)
        print("trained \(report.iterations) updates in \(elapsed) s; held-out IoU \(iou) (copy-last baseline \(baseline))")
        network.metadata = [
            "task": "moving-square", "output_activation": "sigmoid",
            "held_out_iou": String(iou), "copy_baseline_iou": String(baseline),
            "training_seconds": String(format: "%.1f", elapsed), "iterations": String(report.iterations),
            "final_loss": String(report.finalLoss),
        ]
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        try ConvLSTMExporter.save(network, to: Self.directory + "/model.safetensors")
        var clipRng = SplitMix64(seed: Self.heldOutSeed)
        let clip = task.example(rng: &clipRng)
        try CSVWriter.write(clip.frames, to: Self.directory + "/frames.csv")
    }
}
