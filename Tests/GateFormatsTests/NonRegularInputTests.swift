import Foundation
import Testing
@testable import GateFormats

/// Inputs that are not regular files are refused at once: a FIFO with no writer used to block `open` forever
/// (`gatescope inspect fifo` hung), and an empty path gave a message naming no file.
struct NonRegularInputTests {
    /// Runs `body` on its own thread and gives up after 10 seconds; nil when it did not finish.
    static func finishing<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Thread.detachNewThread {
            box.value = body()
            done.signal()
        }
        return done.wait(timeout: .now() + 10) == .success ? box.value : nil
    }

    /// A value handed from the reading thread to the test.
    final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }

    @Test(arguments: ["read", "map"])
    func aFIFOWithoutAWriterIsRefusedWithoutBlocking(reader: String) throws {
        let path = FormatFixtures.temporaryDirectory() + "/input.fifo"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        #expect(mkfifo(path, 0o600) == 0)
        defer {
            // Unblocks a reader stuck in open (the failure this test looks for), then removes the FIFO.
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            unlink(path)
        }
        let message = Self.finishing { () -> String in
            do {
                if reader == "read" { _ = try FileBytes.read(path: path) } else { _ = try MappedSafeTensors(path: path) }
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message == "\(path): is not a regular file; pass the path of a file")
    }

    @Test func anEmptyPathSaysSo() {
        #expect(throws: FormatError("the path is empty; pass the path of a file")) { try FileBytes.read(path: "") }
        #expect(throws: FormatError("the path is empty; pass the path of a file")) { try MappedSafeTensors(path: "") }
        #expect(throws: FormatError("the output path is empty; give a file path (or - for standard output)")) {
            try FileBytes.writeAtomically([1, 2, 3], to: "")
        }
    }
}
