import GateCanvas
import Testing
import GateCore
@testable import GateExplorer

/// The help overlay at the smallest sizes: no key's meaning is cut mid-word and the demo's story is
/// shown whole (or visibly cut with "…"), before "how to read it".
@Suite struct HelpOverlayFitTests {
    private static func helpText(width: Int, height: Int, story: String?) -> String {
        var run = BuiltInDemo.run()
        run.story = story
        var app = ExplorerSessionApp(run: run)
        _ = app.handle(.resize(width: width, height: height))
        _ = app.handle(.key(.character("?")))
        var buffer = CellBuffer(width: width, height: height)
        app.render(into: &buffer)
        return buffer.plainText()
    }

    @Test func keysAt80x24AreNotCutMidWord() {
        let text = Self.helpText(width: 80, height: 24, story: nil)
        #expect(!text.contains("…"), "no meaning is cut: \(text)")
        for phrase in ["all layers as bands", "show all steps", "colour-blind-safe palette", "sort units",
                       "bookmark · next · previous", "type characters as steps", "list the bookmarks"] {
            #expect(text.contains(phrase), "help shows \(phrase)")
        }
    }

    @Test func storyIsShownWholeBeforeHowToRead() {
        let story = "Select unit 1: its cell steps down by about 1 at every \"(\" and back up at every \")\" — "
            + "a counter of the nesting depth (input gate ≈ 1 throughout)."
        for (width, height) in [(80, 24), (120, 40)] {
            let text = Self.helpText(width: width, height: height, story: story)
            #expect(text.contains("this demo"))
            #expect(text.contains("throughout)."), "the story's end shows at \(width)×\(height)")
        }
    }

    @Test func storyTooLongIsCutWithEllipsis() {
        let story = Array(repeating: "the gates open and shut at every step of the long input", count: 30)
            .joined(separator: " ")
        let text = Self.helpText(width: 80, height: 24, story: story)
        #expect(text.contains("this demo"))
        #expect(text.contains("…"))
    }
}
