import Foundation
import GateCanvas

/// A whole cell buffer as reviewable text: the screen's lines, then per line the styles as runs
/// (`y: id×count …`), then the style table. Text and style together, one file per screen.
///
/// Goldens live in Tests/GateExplorerTests/Snapshots; `GATESCOPE_RECORD_SNAPSHOTS=1 swift test
/// --filter ScreenSnapshotTests` rewrites them (then review the diff before committing).
enum BufferSnapshot {
    /// The snapshot text of `buffer`.
    static func text(of buffer: CellBuffer) -> String {
        var styles: [CellStyle: Int] = [:]
        var order: [CellStyle] = []
        var runs: [String] = []
        for y in 0..<buffer.height {
            var pieces: [String] = []
            var current = -1, count = 0
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                let id: Int
                if let known = styles[style] { id = known } else { id = order.count; styles[style] = id; order.append(style) }
                if id == current { count += 1; continue }
                if count > 0 { pieces.append(count == 1 ? "\(current)" : "\(current)×\(count)") }
                (current, count) = (id, 1)
            }
            if count > 0 { pieces.append(count == 1 ? "\(current)" : "\(current)×\(count)") }
            runs.append("\(y): " + pieces.joined(separator: " "))
        }
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map { "|" + $0 }
        let table = order.enumerated().map { "\($0.offset) " + describe($0.element) }
        return (["# \(buffer.width)×\(buffer.height) \(buffer.colorMode.rawValue)", "## text"] + lines
            + ["## styles by row"] + runs + ["## style table"] + table).joined(separator: "\n") + "\n"
    }

    /// "fg=#F7F7F7 bg=default bold".
    static func describe(_ style: CellStyle) -> String {
        func color(_ c: TerminalColor) -> String {
            switch c {
            case .default: return "default"
            case let .indexed(i): return "\(i)"
            case let .rgb(r, g, b): return "#" + [r, g, b].map { String(format: "%02X", $0) }.joined()
            }
        }
        var words = ["fg=" + color(style.foreground), "bg=" + color(style.background)]
        if style.bold { words.append("bold") }
        if style.underline { words.append("underline") }
        if style.reverse { words.append("reverse") }
        if style.dim { words.append("dim") }
        return words.joined(separator: " ")
    }

    /// The snapshot of `buffer` and its golden `name` (rewritten first when GATESCOPE_RECORD_SNAPSHOTS=1).
    static func compare(_ buffer: CellBuffer, named name: String) throws -> (actual: String, golden: String) {
        let text = Self.text(of: buffer)
        let url = Self.url(name)
        if ProcessInfo.processInfo.environment["GATESCOPE_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return (text, try String(contentsOf: url, encoding: .utf8))
    }

    /// The golden file for `name`.
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).snap")
    }
}
