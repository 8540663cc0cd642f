import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// What the presenter and the teaching key lines say: hints and the quiz line follow a classroom
/// preset's disabled keys, the values line keeps c and h at 80×24, a bidirectional model's direction is
/// named, and the gradient view of a head with an activation names the logit it differentiates.
@Suite struct PresenterLabelsTests {
    /// `app` resized and rendered after `keys`.
    static func render(_ app: TeachingApp, keys: [Key], width: Int, height: Int) -> (TeachingApp, String) {
        let (app, buffer) = renderBuffer(app, keys: keys, width: width, height: height)
        return (app, buffer.plainText())
    }

    /// `app` resized and rendered after `keys`, with its buffer.
    static func renderBuffer(_ app: TeachingApp, keys: [Key], width: Int, height: Int) -> (TeachingApp, CellBuffer) {
        var app = app
        _ = app.handle(.resize(width: width, height: height))
        for key in keys { _ = app.handle(.key(key)) }
        var buffer = CellBuffer(width: width, height: height)
        app.render(into: &buffer)
        return (app, buffer)
    }

    static func reber() throws -> ExplorerRun {
        try TeachingTestSupport.run(demo: "reber", input: nil, directory: TeachingTestSupport.demos)
    }

    @Test func keyHintsDropOrNarrowWhatAPresetDisables() {
        // Hand-written expectations: one arrow of a pair left, a pair of characters dropped only whole.
        let items = ["←/→ step", "space play", "↑/↓ unit", "c/C clamp", "{ } bias", "[ ] layer", "tab panel", "S colour scale"]
        #expect(KeyHints.enabled(items, disabled: [.right]) == ["← step", "space play", "↑/↓ unit", "c/C clamp", "{ } bias", "[ ] layer",
                                                                 "tab panel", "S colour scale"])
        #expect(KeyHints.enabled(items, disabled: [.left, .right, .character(" "), .tab, .character("S")])
            == ["↑/↓ unit", "c/C clamp", "{ } bias", "[ ] layer"])
        #expect(KeyHints.enabled(items, disabled: [.character("c"), .character("{"), .character("}"), .down])
            == ["←/→ step", "space play", "↑ unit", "c/C clamp", "[ ] layer", "tab panel", "S colour scale"])
        #expect(KeyHints.enabled(items, disabled: []) == items)
    }

    @Test func withRightDisabledTheScreenNeverOffersIt() throws {
        let app = TeachingApp(session: TeachingSession(run: try Self.reber(), quiz: true, disabledKeys: [.right]))
        let (_, buffer) = Self.renderBuffer(app, keys: [], width: 80, height: 24)
        let text = buffer.plainText()
        #expect(!text.contains("←/→"), "\(text)")
        #expect(text.contains("← step"))
        #expect(!text.contains("→ asks"))
        #expect(text.contains("quiz on: l asks for a guess before each step"), "\(text)")
        let both = TeachingApp(session: TeachingSession(run: try Self.reber(), quiz: true, disabledKeys: [.right, .character("l")]))
        #expect(Self.render(both, keys: [], width: 120, height: 40).1.contains("stepping forward is disabled here, so no guess is asked"))
        let (actual, golden) = try BufferSnapshot.compare(buffer, named: "teaching-right-disabled-quiz-80x24")
        #expect(actual == golden)
    }

    @Test func theValuesLineKeepsTheStateAt80Columns() throws {
        let app = TeachingApp(session: TeachingSession(run: try Self.reber(), presenting: true))
        let (_, text) = Self.render(app, keys: [.right], width: 80, height: 24)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(" unit 1 at t=2:") })
        #expect(line.contains("c = ") && line.contains("h = "), "\(line)")
    }

    @Test func aBidirectionalModelNamesTheDirectionShownAndHowToSwitch() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, bidirectional: true)
        let run = try ExplorerTestSupport.sineRun(network, steps: 20)
        let app = TeachingApp(session: TeachingSession(run: run, presenting: true))
        let (forward, text) = Self.render(app, keys: [], width: 120, height: 40)
        #expect(text.split(separator: "\n").first?.contains("→ FORWARD (d: reverse)") == true, "\(text)")
        let (_, reverse) = Self.render(forward, keys: [.character("d")], width: 120, height: 40)
        #expect(reverse.split(separator: "\n").first?.contains("← REVERSE (d: forward)") == true, "\(reverse)")
        let (actual, golden) = try BufferSnapshot.compare(Self.renderBuffer(forward, keys: [.character("d")], width: 80, height: 24).1,
                                                          named: "presenter-bidirectional-reverse-80x24")
        #expect(actual == golden)
    }

    @Test func theGradientOfAHeadWithAnActivationIsNamedAsItsLogit() throws {
        var run = try Self.reber()
        #expect(GradientFlowPanel.outputName(of: run, unit: 2) == "output 3")
        var network = try #require(run.network)
        var head = try #require(network.head)
        head.activation = .softmax
        network.head = head
        run.network = network
        #expect(GradientFlowPanel.outputName(of: run, unit: 2) == "logit 3 (before the softmax)")
        let app = TeachingApp(session: TeachingSession(run: run))
        let (_, text) = Self.render(app, keys: [.character("f")], width: 120, height: 40)
        #expect(text.contains("gradient flow into logit "), "\(text)")
    }
}
