/// Text from files made safe to show on a terminal: every control character is written out in
/// caret notation (`^[` for ESC, `^M` for CR, `^?` for DEL) or as `\u{9B}` for C1 controls, so a
/// file cannot move the cursor, clear the screen, set the window title or change colours.
///
/// Used for everything shown from a file: `inspect` output, error messages that quote file
/// content, names and paths on stdout and stderr. (The cell buffer blanks control characters on
/// its own.)
public enum TerminalText {
    /// `text` with every control character escaped. Newlines are escaped too unless `keepNewlines`.
    public static func escaped(_ text: some StringProtocol, keepNewlines: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if keepNewlines && value == 0x0A {
                result.unicodeScalars.append(scalar)
            } else if value < 0x20 {
                result += "^" + String(UnicodeScalar(UInt8(value + 0x40)))
            } else if value == 0x7F {
                result += "^?"
            } else if (0x80...0x9F).contains(value) {
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else if isInvisibleFormatting(value) {
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `text` holds anything ``escaped(_:keepNewlines:)`` would change.
    public static func needsEscaping(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || isInvisibleFormatting($0.value) }
    }

    /// Bidirectional overrides and isolates, which can make text read differently from what it is.
    private static func isInvisibleFormatting(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
