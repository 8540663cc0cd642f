import GateCore
/// Bookmarks and notes on a trace's steps, kept beside the trace in `T.safetensors.bookmarks.tsv`.
///
/// The file is text: a first line `# gatescope bookmarks 1`, then one line per bookmark,
/// `step<TAB>note`, sorted by step, with `\\`, tab and newline in notes written as `\\\\`, `\\t`,
/// `\\n`. It is rewritten atomically on every save (temporary file, fsync, rename). One bookmark per
/// step: adding at a bookmarked step replaces its note.
public struct TraceBookmarks: Sendable, Equatable {
    /// The first line of the file.
    public static let headerLine = "# gatescope bookmarks 1"

    /// The bookmarks, sorted by step.
    public private(set) var entries: [StepBookmark]

    /// An empty set.
    public init() { entries = [] }

    /// Where the bookmarks of the trace at `tracePath` live.
    public static func path(forTrace tracePath: String) -> String { tracePath + ".bookmarks.tsv" }

    /// Adds a bookmark at `step` (replacing the note of one already there).
    public mutating func add(step: Int, note: String = "") {
        if let index = entries.firstIndex(where: { $0.step == step }) {
            entries[index].note = note
        } else {
            entries.append(StepBookmark(step: step, note: note))
            entries.sort { $0.step < $1.step }
        }
    }

    /// Removes the bookmark at `step`; returns whether there was one.
    @discardableResult
    public mutating func remove(step: Int) -> Bool {
        guard let index = entries.firstIndex(where: { $0.step == step }) else { return false }
        entries.remove(at: index)
        return true
    }

    /// The bookmark at `step`, if any.
    public func bookmark(at step: Int) -> StepBookmark? { entries.first { $0.step == step } }

    /// The first bookmark after `step` (for a "next bookmark" key), if any.
    public func next(after step: Int) -> StepBookmark? { entries.first { $0.step > step } }

    /// The last bookmark before `step`, if any.
    public func previous(before step: Int) -> StepBookmark? { entries.last { $0.step < step } }

    /// The file's text.
    public func encoded() -> String {
        var text = Self.headerLine + "\n"
        for entry in entries { text += "\(entry.step)\t\(Self.escape(entry.note))\n" }
        return text
    }

    /// Parses the file's text; errors name the line.
    public init(text: String, source: String? = nil) throws {
        entries = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first.hasPrefix("# gatescope bookmarks") else {
            throw FormatError("is not a gatescope bookmarks file (first line is not '\(Self.headerLine)'); move it aside", source: source)
        }
        let version = first.dropFirst("# gatescope bookmarks".count).filter { $0 != " " }
        guard let major = Int(version.prefix { $0 != "." }), major <= 1 else {
            throw FormatError("holds bookmarks of format version '\(version)', newer than this gatescope reads; upgrade gatescope", source: source)
        }
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard let step = Int(parts[0]), step >= 0 else {
                throw FormatError("line \(index + 1) does not start with a step number and a tab: '\(line.prefix(40))'", source: source)
            }
            add(step: step, note: parts.count > 1 ? Self.unescape(String(parts[1])) : "")
        }
    }

    /// The bookmarks of the trace at `tracePath`; an empty set when it has none yet.
    public static func load(forTrace tracePath: String) throws -> TraceBookmarks {
        let path = Self.path(forTrace: tracePath)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path)
        } catch let error as FormatError where error.message.contains("errno 2)") {
            return TraceBookmarks()
        }
        return try TraceBookmarks(text: String(decoding: bytes, as: UTF8.self), source: path)
    }

    /// Saves beside the trace at `tracePath`, atomically.
    public func save(forTrace tracePath: String) throws {
        try FileBytes.writeAtomically(Array(encoded().utf8), to: Self.path(forTrace: tracePath))
    }

    static func escape(_ note: String) -> String {
        var out = ""
        for character in note {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out += "\\" }
        return out
    }
}
