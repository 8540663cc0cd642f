import GateCore
import Testing

/// The moving-square generator: one square per frame, one pixel per step, bouncing inside.
@Suite struct ConvLSTMTaskTests {
    @Test func squaresMoveOnePixelAndStayInside() {
        let task = MovingSquareTask(size: 6, squareSize: 2, steps: 15)
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let clip = task.example(rng: &rng)
            for t in 0..<task.steps {
                #expect(clip.frames.row(t).reduce(0, +) == 4)
                #expect(clip.targets.row(t).reduce(0, +) == 4)
                if t > 0 { #expect(clip.frames.row(t) == clip.targets.row(t - 1)) }
            }
            #expect(clip.velocity.dx != 0 || clip.velocity.dy != 0)
        }
    }

    @Test func iouCountsOverlap() {
        #expect(MovingSquareTask.intersectionOverUnion([true, true, false], [false, true, true]) == 1.0 / 3)
        #expect(MovingSquareTask.intersectionOverUnion([false], [false]) == 1)
    }
}
