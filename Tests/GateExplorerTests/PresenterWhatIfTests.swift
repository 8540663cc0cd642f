import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// Presenter mode's what-if view on the reber demo (`explore --demo reber --present`, then `C` or `c`, then
/// `w`): every row label fits the presenter's gutter whole, the heading says what the short labels
/// mean, and a clamp at one step leaves nothing of the labels inside the difference row.
@Suite struct PresenterWhatIfTests {
    /// The presenter screen of the reber demo after `keys`, at the size and colour mode.
    static func screen(keys: [Key], width: Int = 120, height: Int = 40, mode: ColorMode = .truecolor) throws -> CellBuffer {
        let run = try TeachingTestSupport.run(demo: "reber", input: nil, directory: TeachingTestSupport.demos)
        var app = TeachingApp(session: TeachingSession(run: run, presenting: true))
        _ = app.handle(.resize(width: width, height: height))
        for key in keys { _ = app.handle(.key(key)) }
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        app.render(into: &buffer)
        return buffer
    }

    /// The screen's rows as strings.
    static func lines(_ buffer: CellBuffer) -> [String] {
        buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func theRowLabelsFitTheGutterWholeAfterAClampAtEveryStep() throws {
        let buffer = try Self.screen(keys: [.right, .right, .character("C"), .character("w")])
        let lines = Self.lines(buffer)
        for label in ["orig", "edit", "diff"] {
            #expect(lines.contains { $0.hasPrefix(" f \(label) ") }, "no whole row label 'f \(label)'")
            #expect(lines.contains { $0.hasPrefix(" c \(label) ") }, "no whole row label 'c \(label)'")
        }
        #expect(lines.contains { $0.contains("orig = original run · edit = edited · diff = edit − orig") })
        let (actual, golden) = try BufferSnapshot.compare(buffer, named: "presenter-whatif-clamp-all-120x40")
        #expect(actual == golden)
    }

    @Test func aClampAtOneStepLeavesOnlyDotsAndColoursInTheDifferenceRow() throws {
        let buffer = try Self.screen(keys: [.right, .right, .right, .character("c"), .character("w")])
        let lines = Self.lines(buffer)
        let rows = lines.filter { $0.hasPrefix(" f diff ") || $0.hasPrefix(" c diff ") }
        #expect(rows.count == 2)
        for row in rows {
            // Past the gutter: only the dots of unchanged steps, the blocks of changed ones, and spaces.
            let cells = row.dropFirst(PresenterView.gutter)
            #expect(cells.allSatisfy { " ·▀▄█░▒▓".contains($0) }, "label letters inside the row: \(row)")
        }
        let (actual, golden) = try BufferSnapshot.compare(buffer, named: "presenter-whatif-clamp-one-120x40")
        #expect(actual == golden)
    }
}
