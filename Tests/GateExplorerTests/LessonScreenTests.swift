import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// Each shipped lesson walked at 80×24, 120×40 and in presenter mode at 200×60: the narration is shown
/// whole, every step it names ("t=12") is inside the time window on screen, the stop's ▶ marker and view
/// (gradient plot, what-if rows, cell diagram) are drawn, and presenter mode shows the input and the step numbers.
@Suite struct LessonScreenTests {
    /// The steps a narration names as "t=N" (1-based).
    static func namedSteps(_ narration: [String]) -> [Int] {
        narration.joined(separator: " ").matches(of: /t=(\d+)/).compactMap { Int($0.output.1) }
    }

    /// The window of steps on screen for `session` at this size, or nil when no time axis is drawn.
    static func window(_ session: TeachingSession, width: Int, height: Int) -> Range<Int>? {
        let total = session.explorer.totalSteps
        if session.isPresenting { return PresenterView(session: session).window(width: width).steps(total: total) }
        let frame = TeachingFrame(session: session, width: width, height: height)
        if let layout = frame.explorerLayout { return layout.timeWindow.steps(total: total) }
        guard session.view == .gradient || session.view == .whatif else { return nil }
        let heatmapX = ExplorerLayout.labelWidth + 4
        return TimeWindow(step: session.explorer.step, total: total, width: max(1, width - heatmapX - 1)).steps(total: total)
    }

    @Test(arguments: TeachingTestSupport.lessonPaths)
    func everyNamedStepAndViewIsOnScreen(path: String) throws {
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
        for (width, height, presenting) in [(80, 24, false), (120, 40, false), (200, 60, true)] {
            var session = TeachingSession(lesson: lesson, presenting: presenting)
            for (index, stop) in lesson.stops.enumerated() {
                if index > 0 { _ = session.handle(.character("n")) }
                guard session.spatial == nil else { continue }
                var buffer = CellBuffer(width: width, height: height)
                TeachingFrame(session: session, width: width, height: height).render(into: &buffer)
                let text = buffer.plainText()
                let place = "\(lesson.title) stop \(index + 1) at \(width)×\(height)\(presenting ? " presenting" : "")"
                if let window = Self.window(session, width: width, height: height) {
                    for step in Self.namedSteps(stop.narration) {
                        #expect(window.contains(step - 1), "t=\(step) is off screen (\(window.lowerBound + 1)…\(window.upperBound)): \(place)")
                    }
                }
                // The stop's ▶ marker is on screen: on its panel's label, the view's title, or (presenting) the panel's row.
                if presenting {
                    let titles = ["gradient": "▶gradient flow", "whatif": "▶what-if", "diagram": "▶cell diagram"]
                    let marker = titles[stop.panel] ?? "▶ " + stop.panel.uppercased() + " "
                    #expect(text.split(separator: "\n").contains { $0.hasPrefix(marker) }, "\(marker): \(place)")
                } else {
                    #expect(TeachingFrame(session: session, width: width, height: height).highlightPoint(mode: .truecolor) != nil,
                            "▶ marker for '\(stop.panel)': \(place)")
                }
                #expect(!text.contains("(t: read all)"), "the narration is cut: \(place)")
                switch stop.view {
                case .gradient: #expect(text.contains("gradient flow into output") && text.contains("distance T−t"), "\(place)")
                case .whatif: #expect(text.contains("what-if · unit") && text.contains("edits: clamp"), "\(place)")
                case .diagram: #expect(text.contains("cell diagram · ") && text.contains("h₋₁"), "\(place)")
                case .explorer: break
                }
                if presenting {
                    #expect(text.contains("▲\(stop.step + 1)"), "the cursor's step number: \(place)")
                    let input = session.explorer.run.hasTextInput ? "INPUT" : "x"
                    #expect(text.split(separator: "\n").contains { $0.hasPrefix(" " + input) }, "the input row: \(place)")
                }
            }
        }
    }
}
