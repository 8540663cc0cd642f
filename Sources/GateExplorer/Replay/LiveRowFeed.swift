import GateCanvas
/// Lines arriving from outside while the explorer runs (standard input for `--input -`), read on
/// another thread; the session takes what has arrived on each tick, never blocking.
public protocol LiveRowFeed: AnyObject {
    /// The lines that arrived since the last call, and whether the stream has ended.
    func take() -> (lines: [String], ended: Bool)
}
