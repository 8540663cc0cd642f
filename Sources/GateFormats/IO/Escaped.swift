/// Text from a file made safe to show on a terminal: control characters (C0, DEL, C1) become `\u{XX}`,
/// so a name in a model file cannot move the cursor or change colours when an error prints it.
public enum Escaped {
    /// `text` with every control character written as a `\u{XX}` escape.
    public static func text(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
