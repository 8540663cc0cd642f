import Foundation
import Testing

extension TmuxSession {
    /// Records a test issue unless the ended program left the terminal as it found it: out of the
    /// alternate screen, cursor shown, mouse reporting off, tty modes as before.
    func expectTerminalRestored(_ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try paneVariable("alternate_on") == "0", "alternate screen left \(comment)", sourceLocation: sourceLocation)
        #expect(try paneVariable("cursor_flag") == "1", "cursor shown \(comment)", sourceLocation: sourceLocation)
        #expect(try paneVariable("mouse_any_flag") == "0", "mouse reporting off \(comment)", sourceLocation: sourceLocation)
        let modes = ttyModes
        #expect(modes.before != nil && modes.before == modes.after, "tty modes restored \(comment)", sourceLocation: sourceLocation)
    }
}
