import GateCanvas
/// Number formatting for exported files (no Foundation, no locale).
public enum ExportNumber {
    /// The shortest text that reads back as exactly `value` ("0.1", "-3.25e-05", "nan").
    public static func exact(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return "\(value)"
    }

    /// XML's character entities.
    private static let xmlEntities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;",
    ]

    /// Escapes text for XML attribute values and element content.
    public static func xmlEscaped(_ text: String) -> String {
        escaped(text) { scalar in
            xmlEntities[scalar] ?? (scalar.value < 0x20 && scalar != "\n" && scalar != "\t" ? " " : nil)
        }
    }

    /// JSON's two-character escapes.
    private static let jsonEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    ]

    /// Escapes text as the inside of a JSON string.
    public static func jsonEscaped(_ text: String) -> String {
        escaped(text) { scalar in
            if let escape = jsonEscapes[scalar] { return escape }
            guard scalar.value < 0x20 || scalar.value == 0x7F else { return nil }
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// `text` with every scalar that `replacement` maps replaced by that text.
    private static func escaped(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
