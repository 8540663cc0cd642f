/// JSON text for programs that print JSON (`units --json`), escaped like the rest of gatescope's JSON.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included: `"`, `\` and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONValue.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A finite number as JSON (shortest round-trip form); NaN and infinities become `null`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
