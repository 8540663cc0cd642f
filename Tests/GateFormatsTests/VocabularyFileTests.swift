import GateCore
import GateFormats
import Testing

/// Vocabulary files for word-level (Penn Treebank layout) and character models.
struct VocabularyFileTests {
    @Test func lineVocabularyDrivesWordLevelText() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        try ModelTestSupport.write("<unk>\nthe\ncat\nsat\n<eos>\n", to: directory + "/vocab.txt")
        let tokens = try VocabularyFile.load(path: directory + "/vocab.txt")
        #expect(tokens == ["<unk>", "the", "cat", "sat", "<eos>"])
        var network = ModelTestSupport.network(.lstm, input: 5, hidden: 3)
        try VocabularyFile.apply(tokens, to: &network, source: "vocab.txt")
        let sequence = try SequenceLoader.text("the dog sat\nthe cat", for: network)
        // Penn Treebank layout: every line, the last too, ends with <eos>.
        #expect(sequence.tokens == [1, 0, 3, 4, 1, 2, 4])
        #expect(sequence.input.rows == 7 && sequence.input[1, 0] == 1)
    }

    @Test func jsonVocabularyIsAccepted() throws {
        let path = ModelTestSupport.temporaryDirectory() + "/vocab.json"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try ModelTestSupport.write(#"["(", ")"]"#, to: path)
        #expect(try VocabularyFile.load(path: path) == ["(", ")"])
    }

    @Test func mismatchesAndRepeatsAreExplained() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        try ModelTestSupport.write("a\nb\na\n", to: directory + "/dup.txt")
        #expect(ModelTestSupport.message { _ = try VocabularyFile.load(path: directory + "/dup.txt") }
                .contains("line 3 repeats the token 'a' of line 1"))
        var network = ModelTestSupport.network(.gru, input: 4, hidden: 3)
        #expect(ModelTestSupport.message { try VocabularyFile.apply(["a", "b"], to: &network, source: "v.txt") }
                .contains("holds 2 tokens but the model has 4 one-hot inputs"))
        try ModelTestSupport.write("", to: directory + "/empty.txt")
        #expect(ModelTestSupport.message { _ = try VocabularyFile.load(path: directory + "/empty.txt") }
                .contains("holds no tokens"))
    }
}
