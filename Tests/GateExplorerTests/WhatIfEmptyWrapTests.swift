import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats
import Testing

/// The what-if view's "No edits yet" instructions wrap at spaces at 80×24 instead of being cut mid-word.
@Suite struct WhatIfEmptyWrapTests {
    @Test func instructionsWrapAtEightyColumns() throws {
        var app = TeachingApp(session: TeachingSession(run: try TeachingTestSupport.run(demo: "adding", input: nil, directory: ".")))
        _ = app.handle(.key(.character("w")))
        #expect(app.session.view == .whatif)
        var buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        let text = buffer.plainText()
        let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("and a step (←/→), then:"), "\(text)")
        #expect(joined.contains("C at every step"), "\(text)")
        #expect(joined.contains("w closes this view"), "\(text)")
    }
}
