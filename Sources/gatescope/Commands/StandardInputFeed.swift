import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GateExplorer
import Synchronization

/// Live input from standard input (`--input -`): a background thread reads lines as they arrive and
/// the explorer takes them on its ticks, so the screen never waits for input.
///
/// Memory stays bounded under a flood (`yes 0.5,0 | gatescope explore …`): at most
/// ``capacity`` lines wait (the reader then waits too, which holds back the writer through the
/// pipe), and a line longer than ``maxLineBytes`` is replaced by an empty (skipped) line.
final class StandardInputFeed: LiveRowFeed, Sendable {
    /// Most lines waiting to be taken.
    static let capacity = 16_384
    /// Longest line kept (longer ones are skipped as unreadable).
    static let maxLineBytes = 1 << 16

    private let pending = Mutex<(lines: [String], ended: Bool)>(([], false))

    /// Starts reading standard input on a background thread.
    init() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "gatescope stdin"
        thread.start()
    }

    func take() -> (lines: [String], ended: Bool) {
        take(atMost: Int.max)
    }

    func take(atMost limit: Int) -> (lines: [String], ended: Bool) {
        pending.withLock { state in
            let count = min(limit, state.lines.count)
            let taken = Array(state.lines.prefix(count))
            state.lines.removeFirst(count)
            return (taken, state.ended && state.lines.isEmpty)
        }
    }

    /// Queues `line`, waiting while the queue is full.
    private func enqueue(_ line: String) {
        while true {
            let queued = pending.withLock { state -> Bool in
                guard state.lines.count < Self.capacity else { return false }
                state.lines.append(line)
                return true
            }
            if queued { return }
            usleep(2_000)
        }
    }

    private func readLoop() {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var tooLong = false
        while true {
            let got = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            var start = 0
            for index in 0..<got where chunk[index] == 0x0A {
                if !tooLong { line.append(contentsOf: chunk[start..<index]) }
                enqueue(tooLong || line.count > Self.maxLineBytes ? "" : String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                tooLong = false
                start = index + 1
            }
            if !tooLong {
                line.append(contentsOf: chunk[start..<got])
                if line.count > Self.maxLineBytes {
                    tooLong = true
                    line.removeAll()
                }
            }
        }
        if tooLong || !line.isEmpty { enqueue(tooLong ? "" : String(decoding: line, as: UTF8.self)) }
        pending.withLock { $0.ended = true }
    }
}
