import Foundation
import Testing
@testable import GateFormats

/// A temporary file is listed for deletion (on a signal or exit) from the moment it exists: its name
/// is the one `mkstemp` filled into the registry's own table entry, so no signal can come between the
/// file's creation and its registration.
@Suite struct TemporaryFileTests {
    @Test func aTemporaryFileIsListedUnderItsOwnNameUntilDiscarded() throws {
        let directory = NSTemporaryDirectory() + "gatescope-tempfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try TemporaryFile(finalPath: directory + "/out.safetensors")
        let path = file.temporaryPath
        let name = (path as NSString).lastPathComponent
        #expect(name.hasPrefix(".out.safetensors.tmp-") && !name.hasSuffix("XXXXXX"), "mkstemp filled in the name: \(name)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(TemporaryFileRegistry.paths.filter { $0 == path }.count == 1)
        #expect(!TemporaryFileRegistry.paths.contains { $0.hasSuffix("XXXXXX") })
        file.discard()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!TemporaryFileRegistry.paths.contains(path))
    }

    @Test func aFileThatCannotBeCreatedLeavesNothingListed() throws {
        let before = TemporaryFileRegistry.paths.filter { $0.contains("/no-such-directory-") }
        #expect(throws: (any Error).self) {
            _ = try TemporaryFile(finalPath: "/no-such-directory-\(UUID().uuidString)/out.safetensors")
        }
        #expect(TemporaryFileRegistry.paths.filter { $0.contains("/no-such-directory-") } == before)
    }
}
