/// One moving-square clip: T input frames and, for each, the frame that follows.
public struct MovingSquareExample: Sendable, Equatable {
    /// T × (H·W): frame t, one channel, 1 on the square and 0 elsewhere.
    public var frames: Matrix
    /// T × (H·W): row t is frame t + 1 (the next-frame target).
    public var targets: Matrix
    /// The square's velocity (dx, dy) at the start, each −1, 0 or 1 pixel per step.
    public var velocity: (dx: Int, dy: Int)

    /// An example from its parts.
    public init(frames: Matrix, targets: Matrix, velocity: (dx: Int, dy: Int)) {
        self.frames = frames
        self.targets = targets
        self.velocity = velocity
    }

    public static func == (a: MovingSquareExample, b: MovingSquareExample) -> Bool {
        a.frames == b.frames && a.targets == b.targets && a.velocity == b.velocity
    }
}
