import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GateFormats

/// The `note:` line for a head the importer picked among several candidates (say `fc1` of an MLP
/// `fc1` → ReLU → `fc2`, which it cannot represent whole): which one is used, the others, and how
/// to choose. `record` and `explore` print it on stderr before running.
enum HeadChoiceNote {
    /// The note, or nil when no head was picked or there was no other candidate.
    static func text(for imported: ImportedModel) -> String? {
        guard let head = imported.headPrefix, !imported.otherHeadCandidates.isEmpty else { return nil }
        let others = imported.otherHeadCandidates.map { "'\($0)'" }.joined(separator: ", ")
        return "note: using '\(head)' as the head; also possible: \(others); choose with --head NAME, or --head none for the recurrent output alone"
    }

    /// Writes the importer's notes and the head note (when there is one), one line each, to standard error.
    static func print(for imported: ImportedModel) {
        for line in imported.notes + [text(for: imported)].compactMap({ $0 }) {
            var bytes = Array((TerminalText.escaped(line) + "\n").utf8)
            _ = write(2, &bytes, bytes.count)
        }
    }
}
