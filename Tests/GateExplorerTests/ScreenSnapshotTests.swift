import Foundation
import GateCanvas
import Testing
@testable import GateExplorer

/// The main explorer screen as whole-buffer snapshots (text and styles) at three sizes and in every
/// colour mode: any change to what a person sees shows up as a reviewed diff of a golden file.
@Suite struct ScreenSnapshotTests {
    static let cases: [(width: Int, height: Int, mode: ColorMode)] = [
        (80, 24, .truecolor), (120, 40, .truecolor), (200, 60, .truecolor),
        (120, 40, .palette256), (120, 40, .palette16), (120, 40, .palette8), (120, 40, .monochrome),
        (80, 24, .palette8), (80, 24, .monochrome),
    ]

    @Test(arguments: cases.indices)
    func explorerMatchesItsGolden(index: Int) throws {
        let (width, height, mode) = Self.cases[index]
        var state = ExplorerTestSupport.demoState()
        state.move(to: 6)
        let buffer = ExplorerTestSupport.render(state, width: width, height: height, mode: mode)
        let name = "explorer-\(width)x\(height)-\(mode.rawValue)"
        let (text, golden) = try BufferSnapshot.compare(buffer, named: name)
        #expect(text == golden, "\(name).snap differs; rerun with GATESCOPE_RECORD_SNAPSHOTS=1 and review the diff")
    }

    @Test func snapshotFormatRecordsTextAndStyleRuns() {
        var buffer = CellBuffer(width: 4, height: 1, colorMode: .truecolor)
        buffer.put("ab", x: 0, y: 0, style: CellStyle(foreground: .indexed(3), bold: true))
        buffer[3, 0] = Cell("▀", style: CellStyle(foreground: .rgb(1, 2, 255)))
        #expect(BufferSnapshot.text(of: buffer) == """
            # 4×1 truecolor
            ## text
            |ab ▀
            ## styles by row
            0: 0×2 1 2
            ## style table
            0 fg=3 bg=default bold
            1 fg=default bg=default
            2 fg=#0102FF bg=default

            """)
    }
}
