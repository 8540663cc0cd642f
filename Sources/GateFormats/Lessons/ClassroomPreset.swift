import Foundation

/// A classroom preset: which panels a class sees and which keys do nothing (like TensorFlow
/// Playground's classroom mode), and whether presenter and quiz modes start on. Plain text, one
/// `key: value` per line, `#` comments (`docs/teaching.md`, "Classroom preset").
public struct ClassroomPreset: Sendable, Equatable {
    /// Panels a preset may show or hide.
    public static let panelNames = ["narration", "question", "gradient", "whatif", "quiz", "inspector", "hints"]
    /// Key names a preset may disable besides single characters.
    public static let keyNames = ["left", "right", "up", "down", "space", "tab", "enter", "escape", "home", "end",
                                  "pgup", "pgdn"]

    /// Start in presenter mode (nil: as the command line says).
    public var present: Bool?
    /// Start in quiz mode (nil: as the command line says).
    public var quiz: Bool?
    /// Panels forced on.
    public var shown: Set<String>
    /// Panels forced off.
    public var hidden: Set<String>
    /// Keys that do nothing: single characters ("c", "u") or names from `keyNames`.
    public var disabledKeys: [String]

    /// A preset from its parts.
    public init(present: Bool? = nil, quiz: Bool? = nil, shown: Set<String> = [], hidden: Set<String> = [],
                disabledKeys: [String] = []) {
        self.present = present
        self.quiz = quiz
        self.shown = shown
        self.hidden = hidden
        self.disabledKeys = disabledKeys
    }

    /// Reads a preset file.
    public static func load(path: String) throws(LessonSyntaxError) -> ClassroomPreset {
        let file = path
        guard let text = String(validating: try LessonSyntaxError.readBytes(path: path), as: UTF8.self) else {
            throw LessonSyntaxError(file: file, line: 0, message: "the file is not UTF-8 text")
        }
        return try parse(text: text, file: file)
    }

    /// Parses preset text; `file` names it in errors.
    public static func parse(text: String, file: String = "classroom") throws(LessonSyntaxError) -> ClassroomPreset {
        var preset = ClassroomPreset()
        for (offset, raw) in text.textLines.enumerated() {
            let number = offset + 1
            func fail(_ message: String) -> LessonSyntaxError { LessonSyntaxError(file: file, line: number, message: message) }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { throw fail("expected 'key: value', found '\(trimmed.prefix(40))'") }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let items = value.split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0) }
            func flag() throws(LessonSyntaxError) -> Bool {
                switch value.lowercased() {
                case "on", "yes", "true": return true
                case "off", "no", "false": return false
                default: throw fail("'\(key):' is on or off, not '\(value)'")
                }
            }
            switch key {
            case "present": preset.present = try flag()
            case "quiz": preset.quiz = try flag()
            case "show", "hide":
                for item in items.map({ $0.lowercased() }) {
                    guard panelNames.contains(item) else {
                        throw fail("no panel '\(item)'; panels are " + panelNames.joined(separator: ", "))
                    }
                    if key == "show" { preset.shown.insert(item); preset.hidden.remove(item) } else {
                        preset.hidden.insert(item); preset.shown.remove(item)
                    }
                }
            case "disable":
                for item in items {
                    guard item.count == 1 || keyNames.contains(item.lowercased()) else {
                        throw fail("'\(item)' is not a key; give single characters or " + keyNames.joined(separator: ", "))
                    }
                    preset.disabledKeys.append(item.count == 1 ? item : item.lowercased())
                }
            default:
                throw fail("unknown key '\(key)'; use present, quiz, show, hide, disable")
            }
        }
        return preset
    }
}
