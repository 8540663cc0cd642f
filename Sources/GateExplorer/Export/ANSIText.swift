import GateCanvas
/// Serializes a ``CellBuffer`` as text with ANSI SGR escapes (24-bit, 256 or 16 colours as the
/// cells hold them), one line per row, every line ending with a reset.
public enum ANSIText {
    /// The buffer as ANSI text; rows joined by `lineSeparator`.
    public static func render(_ buffer: CellBuffer, lineSeparator: String = "\n") -> String {
        var lines: [String] = []
        for y in 0..<buffer.height {
            var line = ""
            var current = CellStyle.plain
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if cell.style != current {
                    line += sgr(cell.style)
                    current = cell.style
                }
                line += cell.grapheme
            }
            if current != .plain { line += "\u{1B}[0m" }
            lines.append(line)
        }
        return lines.joined(separator: lineSeparator)
    }

    /// The escape that sets `style` from scratch.
    public static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let fg = colorCode(style.foreground, foreground: true) { codes.append(fg) }
        if let bg = colorCode(style.background, foreground: false) { codes.append(bg) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func colorCode(_ color: TerminalColor, foreground: Bool) -> String? {
        switch color {
        case .default: return nil
        case .indexed(let index): return (foreground ? "38;5;" : "48;5;") + String(index)
        case let .rgb(r, g, b): return (foreground ? "38;2;" : "48;2;") + "\(r);\(g);\(b)"
        }
    }
}
