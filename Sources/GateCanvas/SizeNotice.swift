/// The screen shown instead of the app while the terminal is smaller than the app's minimum.
public struct SizeNotice: Sendable {
    /// The program name shown in the message.
    public var appName: String
    /// The app's minimum size.
    public var minimum: (width: Int, height: Int)
    /// The terminal's size.
    public var actual: (width: Int, height: Int)

    /// Creates the notice.
    public init(appName: String, minimum: (width: Int, height: Int), actual: (width: Int, height: Int)) {
        self.appName = appName
        self.minimum = minimum
        self.actual = actual
    }

    /// Whether a terminal of size `actual` is too small for `minimum`.
    public static func isTooSmall(_ actual: (width: Int, height: Int), for minimum: (width: Int, height: Int)) -> Bool {
        actual.width < minimum.width || actual.height < minimum.height
    }

    /// The message, on one line.
    public var message: String {
        "\(appName) needs at least \(minimum.width)×\(minimum.height) — this terminal is "
            + "\(actual.width)×\(actual.height). Enlarge it or press q."
    }

    /// Draws the message word-wrapped and centred into `buffer`.
    public func render(into buffer: inout CellBuffer) {
        let margin = buffer.width > 20 ? 2 : 0
        let lines = Self.wrap(message, width: max(1, buffer.width - margin))
        let top = max(0, (buffer.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (buffer.width - GlyphWidth.columns(of: line)) / 2)
            buffer.put(line, x: x, y: top + offset, style: CellStyle(bold: offset == 0))
        }
    }

    /// Splits `text` into lines of at most `width` columns, breaking at spaces where possible.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            let needed = GlyphWidth.columns(of: line) + (line.isEmpty ? 0 : 1) + GlyphWidth.columns(of: word)
            if needed <= width {
                line += (line.isEmpty ? "" : " ") + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while GlyphWidth.columns(of: word) > width {
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
