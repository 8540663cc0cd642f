import GateCanvas
import GateCore
import GateExplorer
import GateFormats
import Testing

/// The what-if summary names the output plainly: a one-output head (adding) shows just the value,
/// not "(#1)"; a head with several outputs names the largest as "(output N)".
@Suite struct WhatIfOutputWordingTests {
    @Test(arguments: [("adding", false), ("brackets", true)])
    func outputWording(demo: String, several: Bool) throws {
        var app = TeachingApp(session: TeachingSession(run: try TeachingTestSupport.run(demo: demo, input: nil, directory: ".")))
        for key: Key in [.right, .right, .right, .tab] { _ = app.handle(.key(key)) }
        _ = app.handle(.key(.character("c")))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("output: ") && !text.contains("(#"), "\(text)")
        #expect(text.contains("(output ") == several, "\(text)")
    }
}
