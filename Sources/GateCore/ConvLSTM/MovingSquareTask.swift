/// The moving-square task for ConvLSTM: a small square moves one pixel per step across a frame in one
/// of 8 directions and bounces off the walls; predict the next frame from the frames so far.
///
/// Step 0 shows one frame only, so the direction is unknown there: training and scoring weight it 0
/// (`stepWeights`). The score is the mean IoU between the thresholded prediction (σ(logit) > 0.5)
/// and the true next frame over steps ≥ 1; "copy the last frame" is the baseline it must beat.
public struct MovingSquareTask: Sendable, Equatable {
    /// Frame height and width.
    public var size: Int
    /// The square's side.
    public var squareSize: Int
    /// Frames per clip T.
    public var steps: Int

    /// A task; the defaults are the shipped demo's (8×8 frames, 2×2 square, 12 steps).
    public init(size: Int = 8, squareSize: Int = 2, steps: Int = 12) {
        self.size = size
        self.squareSize = squareSize
        self.steps = steps
    }

    /// 0 for step 0, 1 after.
    public var stepWeights: [Float] { (0..<steps).map { $0 == 0 ? 0 : 1 } }

    /// A random clip.
    public func example(rng: inout SplitMix64) -> MovingSquareExample {
        let span = size - squareSize
        var x = rng.nextInt(in: 0...span), y = rng.nextInt(in: 0...span)
        var dx = 0, dy = 0
        while dx == 0 && dy == 0 {
            dx = rng.nextInt(in: -1...1)
            dy = rng.nextInt(in: -1...1)
        }
        let velocity = (dx: dx, dy: dy)
        var all = Matrix(rows: steps + 1, columns: size * size)
        for t in 0...steps {
            for row in y..<(y + squareSize) {
                for column in x..<(x + squareSize) { all[t, row * size + column] = 1 }
            }
            if x + dx < 0 || x + dx > span { dx = -dx }
            if y + dy < 0 || y + dy > span { dy = -dy }
            x += dx
            y += dy
        }
        return MovingSquareExample(frames: all.rows(0..<steps), targets: all.rows(1..<(steps + 1)), velocity: velocity)
    }

    /// IoU of two binary frames (1 when both are empty).
    public static func intersectionOverUnion(_ predicted: [Bool], _ truth: [Bool]) -> Float {
        var both = 0, either = 0
        for (a, b) in zip(predicted, truth) {
            if a && b { both += 1 }
            if a || b { either += 1 }
        }
        return either == 0 ? 1 : Float(both) / Float(either)
    }

    /// Mean IoU of `network`'s next-frame predictions (and of copying the last frame) over `count`
    /// clips drawn from `seed`, steps ≥ 1.
    public func score(_ network: ConvLSTMNetwork, count: Int, seed: UInt64) -> (iou: Float, copyBaseline: Float) {
        var rng = SplitMix64(seed: seed)
        var total: Float = 0, baseline: Float = 0, n = 0
        for _ in 0..<count {
            let clip = example(rng: &rng)
            guard let output = network.run(clip.frames).output else { return (0, 0) }
            for t in 1..<steps {
                let truth = clip.targets.row(t).map { $0 > 0.5 }
                total += Self.intersectionOverUnion(output.row(t).map { $0 > 0 }, truth)
                baseline += Self.intersectionOverUnion(clip.frames.row(t).map { $0 > 0.5 }, truth)
                n += 1
            }
        }
        return (total / Float(max(n, 1)), baseline / Float(max(n, 1)))
    }
}
