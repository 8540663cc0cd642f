import GateCanvas
/// An asciicast v2 recording (asciinema): a JSON header line, then one `[seconds, "o", text]` line
/// per output event. `asciinema play file.cast` shows it; the asciinema player embeds it in web pages.
public struct Asciicast: Sendable, Equatable {
    /// Terminal columns.
    public var width: Int
    /// Terminal rows.
    public var height: Int
    /// A title for players.
    public var title: String?
    /// Output events: time in seconds from the start, and the bytes written to the terminal.
    public var events: [(time: Double, text: String)]
    /// Events already taken by ``takeEncodedEvents()`` (written out).
    public private(set) var streamedEvents = 0

    /// An empty recording of a `width` × `height` terminal.
    public init(width: Int, height: Int, title: String? = nil) {
        self.width = width
        self.height = height
        self.title = title
        self.events = []
        self.streamedEvents = 0
    }

    /// Adds frame `buffer` at `time`: the cursor goes home (the first frame also clears the screen)
    /// and every row is redrawn, so frames never leave stale cells behind.
    public mutating func appendFrame(_ buffer: CellBuffer, at time: Double) {
        let prefix = events.isEmpty && streamedEvents == 0 ? "\u{1B}[?25l\u{1B}[2J\u{1B}[H" : "\u{1B}[H"
        events.append((time, prefix + ANSIText.render(buffer, lineSeparator: "\r\n")))
    }

    /// The file's text: header line and one line per event, each ending in "\n".
    public func encoded() -> String {
        encodedHeader() + encodedEvents()
    }

    /// The header line (ending in "\n"): written first when the file is streamed.
    public func encodedHeader() -> String {
        var header = "{\"version\": 2, \"width\": \(width), \"height\": \(height)"
        if let title { header += ", \"title\": \"\(ExportNumber.jsonEscaped(title))\"" }
        header += ", \"env\": {\"TERM\": \"xterm-256color\"}}"
        return header + "\n"
    }

    /// The event lines held (each ending in "\n").
    public func encodedEvents() -> String {
        var out = ""
        for event in events {
            out += "[\(NumberFormat.fixed(event.time, 3)), \"o\", \"\(ExportNumber.jsonEscaped(event.text))\"]\n"
        }
        return out
    }

    /// The event lines held, which are then dropped (the next frame still knows it is not the first):
    /// a streamed file appends them as the frames come, holding one frame at a time.
    public mutating func takeEncodedEvents() -> String {
        defer {
            streamedEvents += events.count
            events.removeAll()
        }
        return encodedEvents()
    }

    /// Equality of sizes, titles and events.
    public static func == (a: Asciicast, b: Asciicast) -> Bool {
        a.width == b.width && a.height == b.height && a.title == b.title
            && a.events.count == b.events.count
            && zip(a.events, b.events).allSatisfy { $0.time == $1.time && $0.text == $1.text }
    }
}
