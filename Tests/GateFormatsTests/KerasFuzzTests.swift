import Testing
import GateCore
@testable import GateFormats

/// Damaged Keras files (truncated, bits flipped, bytes overwritten) never crash or hang the reader:
/// each opens or is refused with one line naming the file.
@Suite struct KerasFuzzTests {
    /// One way of damaging a file.
    enum Damage: CaseIterable { case truncate, flipBits, overwrite }

    static let files = ["bilstm.weights.h5", "embedding_lstm.tf2.h5", "simple_rnn_relu.legacy.h5", "lstm_stacked.keras"]

    @Test func datasetsLargerThanTheFileAreRefusedBeforeAllocating() {
        #expect {
            try ModelImporter.load(path: KerasFileTests.path("unallocated.weights.h5"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("claims more values than the file") && !text.contains("\n")
        }
    }

    @Test(arguments: files)
    func damagedFilesAreRefusedInOneLine(file: String) throws {
        let original = try FileBytes.read(path: KerasFileTests.path(file))
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let isHDF5 = HDF5File.isHDF5(original)
        var generator = SplitMix64(seed: 12)
        var refused = 0, opened = 0
        for round in 0..<150 {
            var bytes = original
            let damage = Damage.allCases[round % Damage.allCases.count]
            switch damage {
            case .truncate:
                bytes.removeLast(1 + Int(generator.next() % UInt64(bytes.count - 1)))
            case .flipBits:
                for _ in 0..<(1 + generator.next() % 8) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(1) << (generator.next() % 8)
                }
            case .overwrite:
                let start = Int(generator.next() % UInt64(bytes.count))
                for offset in start..<min(bytes.count, start + 1 + Int(generator.next() % 16)) {
                    bytes[offset] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            let path = "\(directory)/damaged-\(round)-\(file)"
            try FileBytes.writeAtomically(bytes, to: path)
            do {
                _ = try ModelImporter.importModel(path: path)
                opened += 1
                // A truncated HDF5 file always ends before the end its superblock records.
                #expect(!(isHDF5 && damage == .truncate), "\(file): truncated to \(bytes.count) bytes but opened")
            } catch {
                refused += 1
                let message = String(describing: error)
                #expect(!message.contains("\n") && message.hasPrefix(path + ": "), "\(file) round \(round): \(message)")
            }
        }
        #expect(refused >= 50, "\(file): only \(refused) of 150 damaged copies refused")
        #expect(refused + opened == 150)
    }
}
