import Foundation
import Testing
@testable import GateFormats

/// ``OutputCheck`` refuses what writing would refuse, and lets through what writing would accept.
struct OutputCheckTests {
    @Test func writableTargetsPass() throws {
        let folder = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(folder) }
        try OutputCheck.requireWritable(folder + "/new.safetensors")
        try OutputCheck.requireWritable("/dev/null")
        try OutputCheck.requireWritable("-")
        try FileBytes.writeAtomically([1], to: folder + "/old.bin")
        try OutputCheck.requireWritable(folder + "/old.bin")
    }

    @Test func unwritableTargetsAreRefusedWithWhatWritingWouldSay() throws {
        let folder = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(folder) }
        for path in [folder, "", folder + "/missing/x.safetensors"] {
            var checked = "", written = ""
            do { try OutputCheck.requireWritable(path) } catch { checked = "\(error)" }
            do { try FileBytes.writeAtomically([1], to: path) } catch { written = "\(error)" }
            #expect(!checked.isEmpty && !written.isEmpty, "\(path)")
            if path.hasSuffix("x.safetensors") {
                #expect(checked == "\(path): cannot write into the directory \(folder)/missing: No such file or directory (errno 2); check the path and permissions")
            } else {
                #expect(checked == written, "\(path)")
            }
        }
    }
}
