import GateCanvas
/// Number formatting for exported files (no Foundation, no locale).
public enum ExportNumber {
    /// The shortest text that reads back as exactly `value` ("0.1", "-3.25e-05", "nan").
    public static func exact(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return "\(value)"
    }

    /// `value` with `digits` decimals for labels: "0.50", "-1.25".
    public static func fixed(_ value: Double, _ digits: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled > 0
        let whole = scaled / scale
        guard whole < 1e15 else { return "\(value)" }
        var text = (negative ? "-" : "") + String(Int(whole))
        if digits > 0 {
            var fraction = String(Int(scaled - Double(Int(whole)) * scale))
            while fraction.count < digits { fraction = "0" + fraction }
            text += "." + fraction
        }
        return text
    }

    /// Escapes text for XML attribute values and element content.
    public static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Escapes text as the inside of a JSON string.
    public static func jsonEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
