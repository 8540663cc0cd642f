import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GateCore

/// The training progress display: a one-line bar redrawn in place on a terminal (step, loss,
/// accuracy, ETA), or a plain line every tenth of the run when stdout is a file or a pipe.
final class TrainingProgress {
    let total: Int
    let isTerminal: Bool
    let quiet: Bool
    let start: Double
    private var lastDraw = -1.0
    private var lastPlainStep = 0

    init(total: Int, isTerminal: Bool, quiet: Bool) {
        self.total = total
        self.isTerminal = isTerminal
        self.quiet = quiet
        start = Self.now()
    }

    /// Seconds since the start.
    var elapsed: Double { Self.now() - start }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    func update(report: TrainingStepReport, loss: Double, accuracy: Double) {
        guard !quiet else { return }
        let now = Self.elapsed(since: start)
        let step = report.step
        let eta = step > 0 ? now / Double(step) * Double(total - step) : 0
        let numbers = "step \(step)/\(total)  loss \(TaskMetric.formatSignificant(loss, digits: 4))  acc \(TaskMetric.formatFixed(accuracy * 100, decimals: 1)) %  ETA \(Self.duration(eta))"
        if isTerminal {
            guard now - lastDraw >= 0.1 || step == total else { return }
            lastDraw = now
            emit("\r\u{1B}[K" + Self.barLine(step: step, total: total, numbers: numbers, columns: Self.terminalColumns()))
        } else {
            let every = max(1, total / 10)
            guard step % every == 0 || step == total, step != lastPlainStep else { return }
            lastPlainStep = step
            emit(numbers + "\n")
        }
    }

    func finish() {
        if isTerminal && !quiet { emit("\r\u{1B}[K") }
    }

    static func elapsed(since start: Double) -> Double { now() - start }

    /// The bar and the numbers in `columns` − 3 characters: a line as wide as the terminal (or wider)
    /// wraps, and each redraw then leaves a line behind (3 spare for the terminal's `^C` echo, which
    /// would wrap too). The bar shrinks first (to nothing below 8 cells), then the numbers are cut.
    static func barLine(step: Int, total: Int, numbers: String, columns: Int) -> String {
        let room = max(1, columns - 3)
        let width = min(24, room - numbers.count - 1)
        guard width >= 8 else { return String(numbers.prefix(room)) }
        let filled = min(width, width * step / max(total, 1))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " " + numbers
    }

    /// Standard output's terminal width (80 when it cannot be read).
    static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return TaskMetric.formatFixed(seconds, decimals: 0) + "s" }
        let whole = Int(seconds.rounded())
        return "\(whole / 60)m\(whole % 60 < 10 ? "0" : "")\(whole % 60)s"
    }

    private func emit(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(1, &bytes, bytes.count)
    }
}
