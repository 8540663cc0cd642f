/// A small app that exercises the canvas: colour gradients in every scale, a counter that ticks while
/// playing, and a marker moved with the arrow keys or the mouse. Used by `canvas-demo` and the
/// terminal layer's end-to-end tests.
///
/// Keys: arrows move the marker, space plays/pauses the counter, `s` cycles the colour scale,
/// `q` quits.
public struct CanvasDemoApp: TerminalApp {
    /// Marker column.
    public private(set) var markerX = 2
    /// Marker row.
    public private(set) var markerY = 8
    /// Ticks counted while playing.
    public private(set) var counter = 0
    /// Whether the counter is running.
    public private(set) var playing = false
    /// The scale used for the big gradient.
    public private(set) var scale: ColorScale = .sequential
    /// A description of the last event, shown on screen.
    public private(set) var lastEvent = "none"
    /// The last size seen in a resize event.
    private var knownSize: (width: Int, height: Int)?

    /// Creates the demo.
    public init() {}

    public var tickInterval: Duration? { playing ? .milliseconds(100) : nil }

    public var minimumSize: (width: Int, height: Int) { (40, 12) }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(.character("q")), .key(.ctrl("c")):
            return .quit
        case .key(.character(" ")):
            playing.toggle()
        case .key(.character("s")):
            let all = ColorScale.allCases
            scale = all[(all.firstIndex(of: scale)! + 1) % all.count]
        case .key(.left): markerX = max(0, markerX - 1)
        case .key(.right): markerX += 1
        case .key(.up): markerY = max(0, markerY - 1)
        case .key(.down): markerY += 1
        case let .mouse(mouse):
            if case .press = mouse.action { (markerX, markerY) = (mouse.x, mouse.y) }
        case let .resize(width, height):
            knownSize = (width, height)
        case .tick:
            counter += 1
        case .key:
            break
        }
        if let size = knownSize {
            markerX = min(markerX, size.width - 1)
            markerY = min(markerY, size.height - 1)
        }
        if event != .tick { lastEvent = Self.describe(event) }
        return .continue
    }

    /// A short text for `event`, e.g. "key right" or "mouse press left at 3,4".
    static func describe(_ event: InputEvent) -> String {
        switch event {
        case let .key(.character(character)): return "key '\(character)'"
        case let .key(key): return "key \(key)"
        case let .mouse(mouse):
            let action: String
            switch mouse.action {
            case let .press(button): action = "press \(button)"
            case let .release(button): action = "release \(button)"
            case .scrollUp: action = "scroll up"
            case .scrollDown: action = "scroll down"
            }
            return "mouse \(action) at \(mouse.x),\(mouse.y)"
        case let .resize(width, height): return "resize \(width)×\(height)"
        case .tick: return "tick"
        }
    }

    public func render(into buffer: inout CellBuffer) {
        let mode = buffer.colorMode
        let width = buffer.width, height = buffer.height
        let title = "canvas-demo · \(width)×\(height) · \(mode.rawValue) · counter \(counter) "
            + (playing ? "▶ playing" : "⏸ paused")
        buffer.put(title, x: 0, y: 0, style: CellStyle(bold: true))
        buffer.put("scale: \(scale.rawValue)", x: 0, y: 1)

        // Two rows of half blocks: four samples per column, low to high from left to right.
        let domain = scale.domain
        let value: @Sendable (Int, Int) -> Float? = { x, sample in
            let t = width > 1 ? Double(x) / Double(width - 1) : 0
            return Float(domain.lowerBound + (domain.upperBound - domain.lowerBound) * min(1, t + 0.02 * Double(sample)))
        }
        Heatmap(source: .function(value), rows: [HeatmapRow(upper: 0, lower: 1), HeatmapRow(upper: 2, lower: 3)],
                steps: 0..<width, firstStep: 0, table: ScaleTable(scale: scale, mode: mode))
            .draw(in: Rect(x: 0, y: 2, width: width, height: 2), into: &buffer)
        // Every scale, one value per cell (both halves alike).
        for (row, other) in ColorScale.allCases.enumerated() {
            let label = String(other.rawValue.prefix(12))
            buffer.put(label, x: 0, y: 4 + row, style: CellStyle(dim: true))
            let lower = other.domain.lowerBound, span = other.domain.upperBound - other.domain.lowerBound
            Heatmap(source: .function { x, _ in Float(lower + span * Double(x - 14) / Double(max(1, width - 15))) },
                    rows: [HeatmapRow(upper: 0, lower: 0)], steps: 14..<max(14, width), firstStep: 0,
                    table: ScaleTable(scale: other, mode: mode))
                .draw(in: Rect(x: 0, y: 4 + row, width: width, height: 1), into: &buffer)
        }
        buffer.put("last event: \(lastEvent)", x: 0, y: height - 3)
        buffer.put("←↑↓→ move · space play · s scale · q quit", x: 0, y: height - 1, style: CellStyle(reverse: true))
        let x = min(markerX, width - 1), y = min(markerY, height - 1)
        buffer.put("◆", x: x, y: y, style: CellStyle(foreground: TerminalColor.rgb(255, 80, 80).resolved(for: mode), bold: true))
    }
}
