import Foundation
import Testing

/// `gatescope train` on a narrow terminal: the progress line fits (it wrapped at 50 columns and every
/// redraw left a line behind), Ctrl-C stops it, saves and exits 130, and the bar line is cleared.
@Suite(.enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                "needs tmux and the built gatescope"))
struct TrainProgressWidthTests {
    @Test(arguments: [30, 50, 100])
    func progressStaysOnOneLineAndCtrlCSaves(width: Int) throws {
        let binary = try #require(TmuxSession.builtProduct(named: "gatescope"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("train-width-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("m.safetensors").path
        let session = try TmuxSession(command: [binary, "train", "reber", "--steps", "1000000", "--out", out],
                                      width: width, height: 12)
        defer { session.kill() }
        _ = try session.waitForScreen { $0.contains("step ") }
        Thread.sleep(forTimeInterval: 0.6)   // several redraws
        let screen = try session.capture()
        let lines = screen.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines.count == 1, "one progress line at \(width) columns:\n\(screen)")
        #expect(lines.allSatisfy { $0.count <= width - 3 })
        try session.sendKeys("C-c")
        #expect(try session.waitForExit(timeout: .seconds(20)) == 130)
        let after = try session.capture()
        #expect(after.contains("stopped at step"))
        #expect(!after.contains("step 0/") && !after.contains("/1000000  loss"), "the bar line is cleared:\n\(after)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
}
