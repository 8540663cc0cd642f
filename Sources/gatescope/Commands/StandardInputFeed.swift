import GateCanvas
import Foundation
import GateExplorer
import Synchronization

/// Live input from standard input (`--input -`): a background thread reads lines as they arrive and
/// the explorer takes them on its ticks, so the screen never waits for input.
final class StandardInputFeed: LiveRowFeed, Sendable {
    private let pending = Mutex<(lines: [String], ended: Bool)>(([], false))

    /// Starts reading standard input on a background thread.
    init() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "gatescope stdin"
        thread.start()
    }

    func take() -> (lines: [String], ended: Bool) {
        pending.withLock { state in
            let taken = state
            state.lines.removeAll(keepingCapacity: true)
            return taken
        }
    }

    private func readLoop() {
        while let line = readLine(strippingNewline: true) {
            pending.withLock { $0.lines.append(line) }
        }
        pending.withLock { $0.ended = true }
    }
}
