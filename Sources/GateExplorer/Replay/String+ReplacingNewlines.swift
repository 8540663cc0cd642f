import GateCanvas
extension String {
    /// The text on one line: newlines and tabs shown as `⏎` and spaces.
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" ? "⏎" : ($0 == "\t" ? " " : $0) })
    }
}
