import Foundation
import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// On a run too long to hold whole (rows read window by window from checkpoints), every step label
/// of the all-layers view names the step of the whole run, counting from 1 — not the row within the
/// window held now.
@Suite struct WindowedStepLabelTests {
    static let steps = 6000

    /// A session on a bidirectional LSTM's 6000-step run read from checkpoints (as `explore --model …
    /// --input` opens a long input), in the all-layers view at `width`×`height`.
    static func bandSession(width: Int = 120, height: Int = 40) throws -> ExplorerSessionApp {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, bidirectional: true)
        var values = Matrix(rows: steps, columns: 2)
        for t in 0..<steps { for k in 0..<2 { values[t, k] = Float(t + k).squareRoot().truncatingRemainder(dividingBy: 1.7) - 0.8 } }
        let source = CheckpointedRowSource(run: try CheckpointedRun(network: network, input: values))
        let run = ExplorerRun(name: "bilstm", title: "bilstm", trace: try source.rows(0..<1024), network: network)
        var app = ReplaySessionTests.session(run, width: width, height: height, source: source)
        _ = app.handle(.key(.character("A")))
        return app
    }

    /// Every `t=N` written on the screen.
    static func stepLabels(_ app: ExplorerSessionApp, width: Int = 120, height: Int = 40) -> [Int] {
        var buffer = CellBuffer(width: width, height: height)
        app.render(into: &buffer)
        let text = buffer.plainText()
        return text.matches(of: /t=(\d+)/).compactMap { Int($0.output.1) }
    }

    @Test func bandSumsNameTheStepOfTheWholeRun() throws {
        var app = try Self.bandSession()
        for (target, label) in [(5000, 5001), (2500, 2501), (Self.steps - 1, Self.steps)] {
            app.jump(to: target)
            #expect(app.state.run.stepOffset > 0, "the window at step \(label) does not start at step 1")
            let labels = Self.stepLabels(app)
            // The status bar, and one sum row per band: forward, reverse, and the concatenated output.
            #expect(labels.count >= 4, "step \(label): \(labels)")
            #expect(labels.allSatisfy { $0 == label }, "step \(label): \(labels)")
        }
        _ = app.handle(.key(.end))
        #expect(Self.stepLabels(app).allSatisfy { $0 == Self.steps })
    }

    @Test func bandViewOnALaterWindowMatchesItsGolden() throws {
        var app = try Self.bandSession()
        app.jump(to: 5000)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let (actual, golden) = try BufferSnapshot.compare(buffer, named: "bands-window-at-5001-120x40")
        #expect(actual == golden)
    }
}
