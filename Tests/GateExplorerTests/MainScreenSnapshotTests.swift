import GateCanvas
import GateCore
import GateFormats
import Testing
@testable import GateExplorer

/// The main screens besides the explorer — a lesson, its presenter layout, the twins side by side,
/// the ConvLSTM explorer and the compare view — as whole-buffer snapshots at 80×24, 120×40 and
/// 200×60 in truecolor, and at 120×40 in 256 colours, 8 colours and monochrome (NO_COLOR).
@Suite struct MainScreenSnapshotTests {
    static let sizes: [(width: Int, height: Int, mode: ColorMode)] = [
        (80, 24, .truecolor), (120, 40, .truecolor), (200, 60, .truecolor),
        (120, 40, .palette256), (120, 40, .palette8), (120, 40, .monochrome),
    ]

    static let screens = ["lesson", "presenter", "twins", "spatial", "compare"]

    /// `app` after a resize to the size and `keys`, rendered in `mode`.
    static func render<App: TerminalApp>(_ app: App, keys: [Key], width: Int, height: Int, mode: ColorMode) -> CellBuffer {
        var app = app
        _ = app.handle(.resize(width: width, height: height))
        for key in keys { _ = app.handle(.key(key)) }
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        app.render(into: &buffer)
        return buffer
    }

    static func screen(_ name: String, width: Int, height: Int, mode: ColorMode) throws -> CellBuffer {
        let steps = Array(repeating: Key.right, count: 6)
        switch name {
        case "lesson", "presenter":
            // Lesson 6 (the gradient-flow stop), presenter mode with P.
            let path = try #require(TeachingTestSupport.lessonPaths.first { $0.hasSuffix("06-vanishing-gradient.lesson") })
            let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
            let app = TeachingApp(session: TeachingSession(lesson: lesson))
            return render(app, keys: name == "presenter" ? [.character("P")] : [], width: width, height: height, mode: mode)
        case "twins":
            let runs = try ["brackets", "brackets-gru", "brackets-rnn"].map {
                try TeachingTestSupport.run(demo: $0, input: nil, directory: TeachingTestSupport.demos)
            }
            return render(TwinsApp(runs: runs), keys: steps, width: width, height: height, mode: mode)
        case "spatial":
            let run = try #require(try TeachingTestSupport.spatialRun(demo: "convlstm-moving-square")).run
            return render(SpatialExplorerApp(run: run), keys: steps, width: width, height: height, mode: mode)
        default:
            let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 6)
            let a = try ExplorerTestSupport.sineRun(network, steps: 30).trace
            var input = a.input
            input[10, 0] += 1
            let app = try CompareSessionApp(a: a, b: try network.run(input), labelA: "a.csv", labelB: "b.csv")
            return render(app, keys: steps + steps, width: width, height: height, mode: mode)
        }
    }

    @Test(arguments: screens, sizes.indices)
    func screenMatchesItsGolden(screen: String, size: Int) throws {
        let (width, height, mode) = Self.sizes[size]
        let buffer = try Self.screen(screen, width: width, height: height, mode: mode)
        let name = "\(screen)-\(width)x\(height)-\(mode.rawValue)"
        let (text, golden) = try BufferSnapshot.compare(buffer, named: name)
        #expect(text == golden, "\(name).snap differs; rerun with GATESCOPE_RECORD_SNAPSHOTS=1 and review the diff")
    }
}
