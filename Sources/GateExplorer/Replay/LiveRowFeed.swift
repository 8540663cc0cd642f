import GateCanvas
/// Lines arriving from outside while the explorer runs (standard input for `--input -`), read on
/// another thread; the session takes what has arrived on each tick, never blocking.
public protocol LiveRowFeed: AnyObject {
    /// The lines that arrived since the last call, and whether the stream has ended.
    func take() -> (lines: [String], ended: Bool)
    /// At most `limit` of the lines that arrived (the rest wait for the next call), and whether
    /// the stream has ended with nothing left waiting. A flood is thus taken in bounded bites.
    func take(atMost limit: Int) -> (lines: [String], ended: Bool)
}

extension LiveRowFeed {
    /// Feeds that do not hold lines back hand over everything they have.
    public func take(atMost limit: Int) -> (lines: [String], ended: Bool) { take() }
}
