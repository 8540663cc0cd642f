import Testing
import GateCore
import GateFormats

/// Loading inputs for a model from CSV, .npy and text.
struct ModelSequenceLoaderTests {
    @Test func csvWidthIsChecked() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let network = ModelTestSupport.network(.lstm, input: 1, hidden: 2)
        try ModelTestSupport.write("a,b,c\n1,2,3\n4,5,6\n", to: directory + "/input.csv")
        let text = ModelTestSupport.message { _ = try SequenceLoader.load(path: directory + "/input.csv", for: network) }
        #expect(text == "input.csv has 3 columns but the model takes 1 feature per step; give one column per input feature")
        try ModelTestSupport.write("x\n0.5\n-1\n2e-1\n", to: directory + "/ok.csv")
        let loaded = try SequenceLoader.load(path: directory + "/ok.csv", for: network)
        #expect(loaded.input == Matrix([[0.5], [-1], [0.2]]) && loaded.tokens == nil)
    }

    @Test func npyIsLoaded() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let network = ModelTestSupport.network(.gru, input: 3, hidden: 2)
        let matrix = ModelTestSupport.matrix(5, 3, seed: 4)
        try NpyArray(matrix: matrix).write(to: directory + "/x.npy")
        #expect(try SequenceLoader.load(path: directory + "/x.npy", for: network).input == matrix)
        let nan = try NpyArray(shape: [2, 3], values: [0, 1, 2, .nan, 4, 5])
        try nan.write(to: directory + "/nan.npy")
        let text = ModelTestSupport.message { _ = try SequenceLoader.load(path: directory + "/nan.npy", for: network) }
        #expect(text.contains("nan") && text.contains("step 2"), "\(text)")
    }

    @Test func textGoesThroughTheVocabularyAndEmbedding() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let network = ModelTestSupport.network(.lstm, input: 4, hidden: 2, vocabulary: ["(", ")", "\n"])
        let loaded = try SequenceLoader.text("(()", for: network)
        #expect(loaded.tokens == [0, 0, 1])
        #expect(loaded.input.row(2) == network.embedding!.row(1))
        try ModelTestSupport.write("()\n", to: directory + "/in.txt")
        #expect(try SequenceLoader.load(path: directory + "/in.txt", for: network).tokens == [0, 1, 2])
        try ModelTestSupport.write("t\n1\n0\n", to: directory + "/ids.csv")
        #expect(try SequenceLoader.load(path: directory + "/ids.csv", for: network).tokens == [1, 0])
        let plain = ModelTestSupport.network(.lstm, input: 4, hidden: 2)
        let text = ModelTestSupport.message { _ = try SequenceLoader.text("()", for: plain) }
        #expect(text.contains("no vocabulary"), "\(text)")
    }
}
