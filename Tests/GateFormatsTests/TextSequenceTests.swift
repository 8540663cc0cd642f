import Testing
@testable import GateFormats

/// Character- and word-level tokenisation.
@Suite struct TextSequenceTests {
    private let characters = ["a", "b", " ", "\n", "é"]

    @Test func mapsCharacters() throws {
        #expect(try TextSequence.characterIndices(of: "ab a\né", vocabulary: characters) == [0, 1, 2, 0, 3, 4])
        #expect(try TextSequence.characterIndices(of: "", vocabulary: characters) == [])
        // Unicode scalars, as Python iterates a str: a decomposed é is two symbols.
        #expect(throws: FormatError.self) { try TextSequence.characterIndices(of: "e\u{301}", vocabulary: characters) }
    }

    @Test func namesTheFirstUnknownCharacter() {
        do {
            _ = try TextSequence.characterIndices(of: "ab\nbaZa", vocabulary: characters, source: "in.txt")
            Issue.record("accepted an unknown character")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("in.txt: character 'Z' (U+005A) at line 2, column 3 is not in the vocabulary of 5 characters ('a' 'b' ' ' '\\n' 'é')"), "\(message)")
        }
        #expect(throws: FormatError.self) { try TextSequence.characterIndices(of: "a", vocabulary: ["ab"]) }
        let long = (0..<40).map { String(UnicodeScalar(UInt8(65 + $0))) }
        do {
            _ = try TextSequence.characterIndices(of: "~", vocabulary: long)
        } catch {
            #expect("\(error)".contains("'L' …)"))
        }
    }

    @Test func mapsWordsPennTreebankStyle() throws {
        let vocabulary = ["<unk>", "<eos>", "the", "cat", "sat"]
        #expect(try TextSequence.wordIndices(of: " the cat sat \n the dog \n", vocabulary: vocabulary) == [2, 3, 4, 1, 2, 0, 1])
        #expect(try TextSequence.wordIndices(of: "the\n\ncat", vocabulary: vocabulary) == [2, 1, 1, 3, 1])
        #expect(try TextSequence.wordIndices(of: "the cat", vocabulary: ["the", "cat"]) == [0, 1])
        #expect(try TextSequence.wordIndices(of: "the cat\r\nsat\r\n", vocabulary: vocabulary) == [2, 3, 1, 4, 1])
        do {
            _ = try TextSequence.wordIndices(of: "the\nthe dog", vocabulary: ["the"], source: "t.txt")
            Issue.record("accepted an unknown word without <unk>")
        } catch {
            #expect("\(error)".hasPrefix("t.txt: word 'dog' on line 2 is not in the vocabulary of 1 words ('the') and the vocabulary has no <unk>"))
        }
    }
}
