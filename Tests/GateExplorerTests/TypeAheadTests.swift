import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// Typed-ahead input (a held key, a paste, a flood) is handled before the next frame: one frame
/// per burst, and a `q` in the burst quits without the rest being drawn.
struct TypeAheadTests {
    @Test func fiveThousandQueuedKeysCostOneFrame() throws {
        var app = ExplorerTestSupport.app(after: [])
        let terminal = TestTerminal(width: 120, height: 40, script: Array(repeating: .key(.right), count: 5000) + [nil])
        terminal.typesAhead = true
        terminal.signalWhenExhausted = 2
        // Under AddressSanitizer reading 5000 keys took longer than the 100 ms budget and drew a third frame.
        let outcome = try runApp(&app, on: terminal, drainBudget: .seconds(600))
        #expect(outcome == .interrupted(signal: 2))
        #expect(terminal.frames.count == 2, "the first frame and one after the burst, not one per key")
        let last = app.state.totalSteps - 1
        #expect(app.state.step == min(5000, last), "every key was handled")
    }

    @Test func quitInAFloodWinsAtOnce() throws {
        var app = ExplorerTestSupport.app(after: [])
        let flood: [InputEvent?] = Array(repeating: .key(.right), count: 3) + [.key(.character("q"))]
            + Array(repeating: .key(.right), count: 3000)
        let terminal = TestTerminal(width: 120, height: 40, script: flood)
        terminal.typesAhead = true
        let outcome = try runApp(&app, on: terminal)
        #expect(outcome == .quit)
        #expect(app.state.step == 3, "keys after q are not acted on")
        #expect(terminal.frames.count == 1, "only the first frame was drawn")
    }

    @Test func withoutTypeAheadEachEventIsDrawn() throws {
        var app = ExplorerTestSupport.app(after: [])
        let terminal = TestTerminal(width: 120, height: 40, script: Array(repeating: .key(.right), count: 5) + [.key(.character("q"))])
        let outcome = try runApp(&app, on: terminal)
        #expect(outcome == .quit)
        #expect(terminal.frames.count == 6)
    }
}

/// A paste in typing mode is stepped in one go and gives the same steps as typing key by key.
struct TypingPasteTests {
    @Test func aPastedTextIsOneBurstWithTheSameSteps() throws {
        let text = String(repeating: "(()())", count: 40)
        var keyByKey = ExplorerSessionApp(run: BuiltInDemo.run())
        _ = keyByKey.handle(.resize(width: 120, height: 40))
        _ = keyByKey.handle(.key(.character("T")))
        for character in text { _ = keyByKey.handle(.key(.character(character))) }

        var pasted = ExplorerSessionApp(run: BuiltInDemo.run())
        let terminal = TestTerminal(width: 120, height: 40,
                                    script: [.key(.character("T"))] + text.map { .key(.character($0)) } + [nil])
        terminal.typesAhead = true
        terminal.signalWhenExhausted = 2
        _ = try runApp(&pasted, on: terminal)
        #expect(pasted.totalSteps == keyByKey.totalSteps)
        #expect(pasted.totalSteps == BuiltInDemo.run().trace.steps + text.count)
        #expect(terminal.frames.count == 2, "one frame for the whole paste")
        let a = try #require(pasted.live?.recent.layers.first?.series[SeriesName.hidden])
        let b = try #require(keyByKey.live?.recent.layers.first?.series[SeriesName.hidden])
        // Live steps do not depend on how the input was batched (RecurrentNetwork.stepRows): bit for bit.
        #expect(a == b, "the same hidden states")
    }
}
