import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// What the live-input notes say: control characters in a skipped line as the user guide promises
/// (`^[` for ESC, the rule for all text from files), rows with NaN or infinity told apart from lines
/// that are not numbers, and counts of one in the singular.
@Suite struct LiveInputWordingTests {
    @Test func aSkippedLineShowsEscAsCaretBracket() throws {
        let feed = ScriptedFeed()
        var app = try LiveFloodTests.liveSession(feed: feed)
        feed.lines = ["\u{1B}[31mred\u{1B}"]
        _ = app.handle(.tick)
        #expect(app.message == "input skipped: 1 line that is not 2 numbers · last: '^[[31mred^['")
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("last: '^[[31mred^['"))
    }

    @Test func rowsWithNaNOrInfinityAreCountedApart() throws {
        let feed = ScriptedFeed()
        var app = try LiveFloodTests.liveSession(feed: feed)
        feed.lines = ["nan,1", "0.5,0"]
        _ = app.handle(.tick)
        #expect(app.totalSteps == 1)
        #expect(app.message == "input skipped: 1 line with NaN or infinity (numbers must be finite) · last: 'nan,1'")
        feed.lines = ["1,inf"]
        _ = app.handle(.tick)
        #expect(app.message == "input skipped: 2 lines with NaN or infinity (numbers must be finite) · last: '1,inf'")
        feed.lines = ["1,2,3"]
        _ = app.handle(.tick)
        #expect(app.message == "input skipped: 3 lines: 1 not 2 numbers, 2 with NaN or infinity · last: '1,2,3'")
    }

    @Test func oneStepAndOneSkippedLineAreSingular() throws {
        let feed = ScriptedFeed()
        var app = try LiveFloodTests.liveSession(feed: feed)
        feed.lines = ["0.5,0"]
        feed.ended = true
        _ = app.handle(.tick)
        #expect(app.message == "input ended after 1 step")
        let other = ScriptedFeed()
        var second = try LiveFloodTests.liveSession(feed: other)
        other.lines = ["x", "0.5,0", "0.25,1"]
        other.ended = true
        _ = second.handle(.tick)
        #expect(second.message == "input ended after 2 steps (1 line skipped)")
    }
}
