import GateCore
import Testing
@testable import GateFormats

/// Text input files saved with a byte order mark or Windows line ends read like the same text
/// saved plainly (as CSV files already did), unless the vocabulary itself has those characters.
struct TextFileLineEndingTests {
    @Test(arguments: [
        ("\u{FEFF}()\n(", "BOM"), ("()\r\n(", "CRLF"), ("\u{FEFF}()\r\n(", "BOM and CRLF"), ("()\r(", "CR"),
    ])
    func savedFormsReadAsPlainText(contents: String, label: String) throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let network = ModelTestSupport.network(.lstm, input: 4, hidden: 2, vocabulary: ["(", ")", "\n"])
        try ModelTestSupport.write(contents, to: directory + "/in.txt")
        #expect(try SequenceLoader.load(path: directory + "/in.txt", for: network).tokens == [0, 1, 2, 0], "\(label)")
    }

    @Test func aVocabularyWithCarriageReturnKeepsIt() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let network = ModelTestSupport.network(.lstm, input: 4, hidden: 2, vocabulary: ["(", ")", "\r", "\n"])
        try ModelTestSupport.write("(\r\n)", to: directory + "/in.txt")
        #expect(try SequenceLoader.load(path: directory + "/in.txt", for: network).tokens == [0, 2, 3, 1])
    }
}
