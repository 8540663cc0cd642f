import GateCanvas
import GateCore
import GateExplorer
import GateFormats
import Testing

/// The what-if summary states the output as the explorer does: a one-output head (adding) as the
/// predicted value, a classifier (brackets) as its likeliest class with a probability — never a raw
/// logit with a class index such as "(#1)" or "(output 3)".
@Suite struct WhatIfOutputWordingTests {
    @Test(arguments: [("adding", false), ("brackets", true)])
    func outputWording(demo: String, several: Bool) throws {
        var app = TeachingApp(session: TeachingSession(run: try TeachingTestSupport.run(demo: demo, input: nil, directory: ".")))
        for key: Key in [.right, .right, .right, .tab] { _ = app.handle(.key(key)) }
        _ = app.handle(.key(.character("c")))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("output: ") && !text.contains("(#") && !text.contains("(output "), "\(text)")
        #expect(text.contains("output: says depth ") == several && text.contains("output: predicts ") == !several, "\(text)")
    }
}
