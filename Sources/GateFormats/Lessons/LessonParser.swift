import Foundation

/// Reads the lesson format: one `key: value` per line, `#` comments, blank lines ignored, leading
/// spaces ignored. `lesson:` and `about:` head the file; each `stop:` starts a stop whose fields follow.
public enum LessonParser {
    /// Keys allowed inside a stop.
    public static let stopKeys = ["demo", "input", "step", "layer", "direction", "unit", "panel", "view", "twin",
                                  "channel", "pixel", "clamp", "check", "say", "ask", "answer"]

    /// Parses a lesson file; errors name it by `path` as given.
    public static func parse(path: String) throws(LessonSyntaxError) -> Lesson {
        let file = path
        guard let text = String(validating: try LessonSyntaxError.readBytes(path: path), as: UTF8.self) else {
            throw LessonSyntaxError(file: file, line: 0, message: "the file is not UTF-8 text")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text: text, name: name, file: file, directory: (path as NSString).deletingLastPathComponent)
    }

    /// Parses lesson text; `file` names it in errors, `directory` resolves `input:` paths.
    public static func parse(text: String, name: String, file: String? = nil,
                             directory: String = ".") throws(LessonSyntaxError) -> Lesson {
        let file = file ?? name + ".lesson"
        func fail(_ line: Int, _ message: String) -> LessonSyntaxError {
            LessonSyntaxError(file: file, line: line, message: message)
        }
        var title: String?
        var summary = ""
        var stops: [LessonStop] = []
        var current: LessonStop?
        var seen: Set<String> = []
        func finish() throws(LessonSyntaxError) {
            guard let stop = current else { return }
            guard seen.contains("demo") else { throw fail(stop.line, "stop '\(stop.title)' has no 'demo:' line") }
            guard seen.contains("step") else { throw fail(stop.line, "stop '\(stop.title)' has no 'step:' line") }
            guard !stop.narration.isEmpty else { throw fail(stop.line, "stop '\(stop.title)' has no 'say:' line") }
            stops.append(stop)
        }
        let lines = text.textLines
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw fail(number, "expected 'key: value' (for example 'say: …'), found '\(trimmed.prefix(40))'")
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "lesson":
                guard current == nil, title == nil else { throw fail(number, "'lesson:' must come once, before the first stop") }
                guard !value.isEmpty else { throw fail(number, "'lesson:' needs a title") }
                title = value
                continue
            case "about":
                guard current == nil else { throw fail(number, "'about:' belongs before the first stop") }
                summary = value
                continue
            case "stop":
                guard title != nil else { throw fail(number, "the file must start with 'lesson: TITLE'") }
                try finish()
                guard !value.isEmpty else { throw fail(number, "'stop:' needs a heading") }
                current = LessonStop(title: value, line: number)
                seen = []
                continue
            default:
                break
            }
            guard Self.stopKeys.contains(key) else {
                throw fail(number, "unknown key '\(key)'; use lesson, about, stop, " + Self.stopKeys.joined(separator: ", "))
            }
            guard var stop = current else { throw fail(number, "'\(key):' must follow a 'stop:' line") }
            if !["say", "clamp", "check"].contains(key) && seen.contains(key) {
                throw fail(number, "'\(key):' appears twice in stop '\(stop.title)'")
            }
            if value.isEmpty && key != "say" { throw fail(number, "'\(key):' needs a value") }
            seen.insert(key)
            stop.fieldLines[key] = stop.fieldLines[key] ?? number
            func whole(_ what: String) throws(LessonSyntaxError) -> Int {
                guard let n = Int(value), n >= 1 else { throw fail(number, "\(what) must be a whole number ≥ 1, not '\(value)'") }
                return n
            }
            switch key {
            case "demo": stop.demo = value
            case "input": stop.input = value
            case "step": stop.step = try whole("step")
            case "layer": stop.layer = try whole("layer")
            case "unit": stop.unit = try whole("unit")
            case "direction":
                switch value.lowercased() {
                case "forward", "→": stop.isReverse = false
                case "reverse", "backward", "←": stop.isReverse = true
                default: throw fail(number, "direction is 'forward' or 'reverse', not '\(value)'")
                }
            case "panel": stop.panel = value.lowercased()
            case "view":
                guard let view = LessonView(rawValue: value.lowercased()) else {
                    throw fail(number, "view is one of " + LessonView.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(value)'")
                }
                stop.view = view
            case "twin": stop.twin = value
            case "channel": stop.channel = try whole("channel")
            case "pixel":
                let parts = value.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let row = parts[0], let column = parts[1], row >= 1, column >= 1 else {
                    throw fail(number, "pixel is 'ROW,COL' (whole numbers ≥ 1, counted from the top left), not '\(value)'")
                }
                stop.pixel = LessonPixel(row: row, column: column)
            case "clamp": stop.clamps.append(try clamp(value, line: number, fail: fail))
            case "check": stop.checks.append(try LessonCheck.parse(value, line: number, file: file))
            case "say": stop.narration.append(value)
            case "ask": stop.question = value
            case "answer": stop.answer = value
            default: break
            }
            current = stop
        }
        let last = (lines.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? 0) + 1
        guard let title else { throw fail(last, "the file must start with 'lesson: TITLE'") }
        try finish()
        guard !stops.isEmpty else { throw fail(last, "the lesson has no stops ('stop: HEADING')") }
        return Lesson(name: name, title: title, summary: summary, directory: directory, stops: stops)
    }

    /// "forget 1 everywhere", "input 0 at 10", "forget bias +2".
    static func clamp(_ value: String, line: Int,
                      fail: (Int, String) -> LessonSyntaxError) throws(LessonSyntaxError) -> LessonClamp {
        let words = value.split(separator: " ").map(String.init)
        let usage = "clamp is 'GATE VALUE everywhere', 'GATE VALUE at STEP' or 'GATE bias ±AMOUNT', not '\(value)'"
        guard words.count >= 2 else { throw fail(line, usage) }
        let gate = words[0].lowercased()
        if words[1].lowercased() == "bias" {
            guard words.count == 3, let amount = Float(words[2]), amount.isFinite else { throw fail(line, usage) }
            return LessonClamp(gate: gate, value: amount, isBiasShift: true)
        }
        guard let number = Float(words[1]), number >= 0, number <= 1 || gate == "candidate" else {
            throw fail(line, usage + " (a gate value is between 0 and 1)")
        }
        if words.count == 3, words[2].lowercased() == "everywhere" { return LessonClamp(gate: gate, value: number) }
        guard words.count == 4, words[2].lowercased() == "at", let step = Int(words[3]), step >= 1 else {
            throw fail(line, usage)
        }
        return LessonClamp(gate: gate, value: number, step: step)
    }
}
