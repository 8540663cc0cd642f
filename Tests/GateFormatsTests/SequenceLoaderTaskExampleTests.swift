import GateCore
import GateFormats
import Testing

/// A model from `gatescope train` opens in `explore --model M` without `--input`: the task's example.
struct SequenceLoaderTaskExampleTests {
    static func network(task: String?, kind: CellKind, inputSize: Int, vocabulary: [String]? = nil) -> RecurrentNetwork {
        var random = SplitMix64(seed: 1)
        var network = RecurrentNetwork.initialized(kind: kind, inputSize: inputSize, hiddenSize: 4, outputSize: 1,
                                                   random: &random)
        if let task { network.metadata["task"] = task }
        network.vocabulary = vocabulary
        return network
    }

    @Test func featureTaskReadsItsCSVExample() throws {
        let network = Self.network(task: "adding", kind: .lstm, inputSize: 2)
        let example = try #require(try SequenceLoader.taskExample(for: network))
        let expected = try CSVSequence(text: AddingTask().demoInput()).matrix
        #expect(example.input.rows == expected.rows && example.input.rows > 0)
        #expect(example.input.values == expected.values)
        #expect(example.tokens == nil)
        #expect(example.source.contains("adding"))
    }

    @Test func tokenTaskReadsItsTextExample() throws {
        let task = BracketsTask()
        let vocabulary = try #require(task.vocabulary)
        let network = Self.network(task: "brackets", kind: .gru, inputSize: vocabulary.count, vocabulary: vocabulary)
        let example = try #require(try SequenceLoader.taskExample(for: network))
        #expect(example.tokens?.count == task.demoInput().count)
    }

    @Test func otherModelsHaveNoExample() throws {
        #expect(try SequenceLoader.taskExample(for: Self.network(task: nil, kind: .lstm, inputSize: 2)) == nil)
        #expect(try SequenceLoader.taskExample(for: Self.network(task: "text", kind: .lstm, inputSize: 2)) == nil)
    }
}
