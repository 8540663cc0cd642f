import ArgumentParser
import GateCore
import GateFormats

/// How a model file is imported — `--prefix`/`--node`, `--head`, `--embedding`, `--nonlinearity`, `--vocab` —
/// with the same names, help and checks in every command that loads a model.
struct ModelOptions: ParsableArguments {
    @Option(name: [.long, .customLong("node")], help: "The recurrent module to use when the file holds several (tensor-name prefix, e.g. encoder.lstm; for ONNX, `--node` with a node name such as If_0/then_branch/LSTM_3).")
    var prefix: String?

    @Option(name: .long, help: "The linear head after the recurrent layers (e.g. fc), or 'none'.")
    var head: String?

    @Option(name: .long, help: "The embedding in front (e.g. embed), or 'none'.")
    var embedding: String?

    @Option(name: .long, help: "For vanilla RNNs: tanh or relu (the weights cannot tell).")
    var nonlinearity: String?

    @Option(name: .long, help: "A vocabulary file for text input (one token per line, line k = id k — the Penn Treebank layout — or a JSON array) when the model carries none.")
    var vocab: String?

    func validate() throws {
        if let nonlinearity, RNNNonlinearity(rawValue: nonlinearity.lowercased()) == nil {
            throw ValidationError("--nonlinearity must be tanh or relu, not '\(nonlinearity)'")
        }
    }

    /// Whether any of the options was used.
    var anyGiven: Bool { prefix != nil || head != nil || embedding != nil || nonlinearity != nil || vocab != nil }

    /// The options for the importer (everything but the vocabulary, which is applied after import).
    var importOptions: ModelImportOptions {
        ModelImportOptions(prefix: prefix, head: head, embedding: embedding,
                           nonlinearity: nonlinearity.flatMap { RNNNonlinearity(rawValue: $0.lowercased()) })
    }

    /// Imports the model at `path` with these options (printing which head it chose, when it had to) and
    /// applies the vocabulary file.
    func load(_ path: String) throws -> RecurrentNetwork {
        let imported = try ModelImporter.importModel(path: path, options: importOptions)
        HeadChoiceNote.print(for: imported)
        var network = imported.network
        try applyVocabulary(to: &network)
        return network
    }

    /// Gives `network` the `--vocab` file's tokens, when one was named.
    func applyVocabulary(to network: inout RecurrentNetwork) throws {
        if let vocab { try VocabularyFile.apply(try VocabularyFile.load(path: vocab), to: &network, source: vocab) }
    }
}
