import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// At 80×24 the twins view and the compare view keep their words whole: the RNN column's score with its
/// unit, each column's legend, a named prediction row, and the compare hints ending in "q quit".
@Suite struct NarrowTerminalTextTests {
    static func lines(_ screen: String, width: Int, height: Int) throws -> [String] {
        let buffer = try MainScreenSnapshotTests.screen(screen, width: width, height: height, mode: .truecolor)
        return buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The text of each twins column on row `y` (between the │ separators), trailing spaces removed.
    static func columns(_ line: String) -> [String] {
        line.split(separator: "│", omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func twinsHeadersLegendsAndPredictionRowReadWhole(width: Int, height: Int) throws {
        let lines = try Self.lines("twins", width: width, height: height)
        let headers = Self.columns(lines[1]), legends = Self.columns(lines[2]), predictions = Self.columns(lines[4])
        #expect(headers.count == 3 && legends.count == 3)
        // Each score ends in its percent sign; "held-out" stays with it.
        for header in headers { #expect(header.range(of: #"held-out( [a-z ]+)? \d+\.\d ?%$"#, options: .regularExpression) != nil, "\(header)") }
        // Each legend is one of the whole legends for its cell kind.
        let kinds: [CellKind] = [.lstm, .gru, .rnnTanh]
        for (legend, kind) in zip(legends, kinds) {
            #expect(TwinsFrame.legends(for: kind).contains(String(legend.dropFirst())), "\(legend)")
        }
        for row in predictions { #expect(row.hasPrefix("says "), "\(row)") }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func compareHintsAreWholeAndEndInQuit(width: Int, height: Int) throws {
        let lines = try Self.lines("compare", width: width, height: height)
        let hints = lines[height - 1].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        #expect(hints.hasSuffix(" · q quit"), "\(hints)")
        #expect(hints.contains("↑/↓ PgUp/PgDn series") || height >= 60, "\(hints)")
        #expect(hints.count <= width)
    }
}
