import Testing
import GateCore
@testable import GateFormats

/// Keras model files as Keras users save them, checked against Keras's own outputs (fixtures from
/// scripts/make_keras_fixtures.py, run with KERAS_BACKEND=torch).
@Suite struct KerasFileTests {
    /// `Tests/GateFormatsTests/Fixtures/keras/<name>`.
    static func path(_ name: String, file: String = #filePath) -> String {
        let directory = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return "\(directory)/Fixtures/keras/\(name)"
    }

    static let cases = ["lstm", "gru_reset_after", "gru_reset_before", "simple_rnn_relu", "bilstm", "lstm_stacked",
                        "functional_bigru", "masking_lstm_nobias", "embedding_lstm"]
    /// Files written by Keras 3's `save_weights`, its legacy `.h5` writer, and the tf.keras 2 layout.
    static let hdf5Suffixes = ["weights.h5", "legacy.h5", "tf2.h5"]
    /// Files without a model configuration, where shapes alone decide.
    static let bareSuffixes = ["weights.h5", "dump.safetensors", "paths.safetensors"]

    /// Every case in every HDF5 layout.
    static var hdf5Files: [(String, String)] { cases.flatMap { name in hdf5Suffixes.map { (name, $0) } } }

    @Test(arguments: hdf5Files)
    func hdf5FilesMatchKeras(name: String, suffix: String) throws {
        try Self.check(name: name, file: "\(name).\(suffix)")
    }

    @Test(arguments: cases)
    func kerasArchivesMatchKeras(name: String) throws {
        try Self.check(name: name, file: "\(name).keras")
    }

    @Test(arguments: cases)
    func keras3NamesInSafetensorsMatchKeras(name: String) throws {
        try Self.check(name: name, file: "\(name).dump.safetensors")
    }

    @Test(arguments: cases)
    func kerasVariablePathsInSafetensorsMatchKeras(name: String) throws {
        try Self.check(name: name, file: "\(name).paths.safetensors")
    }

    /// Dense heads with their own activation (or a Softmax/Activation layer after a linear Dense): only the
    /// files that carry the configuration, which alone says what the head applies.
    static let headActivationCases = ["head_softmax", "head_sigmoid", "head_tanh", "head_relu", "head_softmax_layer",
                                      "head_activation_layer"]

    @Test(arguments: headActivationCases.flatMap { name in ["keras", "legacy.h5", "tf2.h5"].map { (name, $0) } })
    func headActivationsMatchKerasPredict(name: String, suffix: String) throws {
        let expected = try SafeTensors(path: Self.path("\(name).expected.safetensors"))
        let network = try ModelImporter.load(path: Self.path("\(name).\(suffix)"))
        #expect(network.head?.activation.rawValue == expected.metadata["head_activation"], "\(name).\(suffix)")
        #expect(network.summary.hasSuffix(" " + (expected.metadata["head_activation"] ?? "?")), "\(network.summary)")
        try Self.check(name: name, file: "\(name).\(suffix)")
    }

    @Test func bareWeightsSayTheHeadsActivationIsUnknown() throws {
        // The configuration says what the Dense applies; bare weights cannot, and a note says so.
        #expect(try ModelImporter.importModel(path: Self.path("lstm.keras")).notes.isEmpty)
        #expect(try ModelImporter.importModel(path: Self.path("lstm.tf2.h5")).notes.isEmpty)
        for file in ["lstm.weights.h5", "lstm.dump.safetensors", "lstm.paths.safetensors"] {
            let imported = try ModelImporter.importModel(path: Self.path(file))
            #expect(imported.network.head?.activation == .linear)
            #expect(imported.notes.count == 1 && imported.notes[0].hasPrefix("note: these Keras weights come without the model's configuration")
                    && imported.notes[0].contains("shown as logits"), "\(file): \(imported.notes)")
        }
        // No head, nothing to say.
        #expect(try ModelImporter.importModel(path: Self.path("gru_reset_after.weights.h5")).notes.isEmpty)
    }

    @Test func unsupportedHeadActivationIsRefusedWithWhatToDo() throws {
        let path = Self.path("unsupported_head_gelu.keras")
        #expect {
            try ModelImporter.load(path: path)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("head layer 'dense' uses activation 'gelu'") && text.contains("--head none")
                && !text.contains("\n")
        }
        // What the message suggests works: the recurrent output alone.
        #expect(try ModelImporter.load(path: path, options: ModelImportOptions(head: "none")).head == nil)
    }

    @Test func configurationTellsWhatWeightsCannot() throws {
        // SimpleRNN's activation: relu from config.json, tanh (the default) from the bare weights.
        #expect(try ModelImporter.load(path: Self.path("simple_rnn_relu.keras")).kind == .rnnRelu)
        #expect(try ModelImporter.load(path: Self.path("simple_rnn_relu.weights.h5")).kind == .rnnTanh)
        // The stack follows the configuration past the Dropout between the LSTMs.
        let stacked = try ModelImporter.importModel(path: Self.path("lstm_stacked.keras"))
        #expect(stacked.module.layerPrefixes == ["lstm", "lstm_1"])
        #expect(stacked.ignoredTensors.isEmpty)
        // Optimizer state is dropped on reading; the Dense and Embedding are found from the configuration.
        let char = try ModelImporter.importModel(path: Self.path("embedding_lstm.legacy.h5"))
        #expect(char.headPrefix == "dense")
        #expect(char.embeddingName == "embedding/embeddings")
        #expect(char.ignoredTensors.isEmpty)
    }

    @Test func unsupportedActivationIsRefusedByName() {
        #expect {
            try ModelImporter.load(path: Self.path("unsupported_hard_sigmoid.keras"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("recurrent_activation 'hard_sigmoid'") && text.contains("layer 'lstm'") && !text.contains("\n")
        }
    }

    /// Imports `file`, runs Keras's fixed input and compares every tensor Keras recorded to 1e-5.
    static func check(name: String, file: String) throws {
        let expected = try SafeTensors(path: path("\(name).expected.safetensors"))
        let metadata = expected.metadata
        var options = ModelImportOptions()
        // A bare weights file has no configuration to say a SimpleRNN uses relu.
        if bareSuffixes.contains(where: file.hasSuffix), metadata["kind"] == "rnn_relu" { options.nonlinearity = .relu }
        let imported = try ModelImporter.importModel(path: path(file), options: options)
        let network = imported.network
        #expect(network.kind.rawValue == metadata["kind"], "\(file)")
        #expect("\(network.layers.count)" == metadata["layers"], "\(file)")
        #expect(network.isBidirectional == (metadata["bidirectional"] == "true"), "\(file)")
        #expect((network.head != nil) == (metadata["head"] != ""), "\(file)")
        #expect((network.embedding != nil) == (metadata["embedding"] != nil), "\(file)")

        let input = try matrix(expected, "input")
        let trace: NetworkTrace
        if expected.names.contains("tokens") {
            let tokens = try expected.tensor(named: "tokens").floats().map { Int($0) }
            let embedded = try network.encode(tokens: tokens)
            #expect(embedded.maxAbsDifference(input) <= 1e-6, "\(file): embedding")
            trace = try network.run(embedded, tokens: tokens)
        } else {
            trace = try network.run(input)
        }
        var compared = 0
        for tensorName in expected.names where tensorName != "input" && tensorName != "tokens" {
            let want = try matrix(expected, tensorName)
            guard let got = actual(tensorName, in: trace, rows: want.rows) else {
                Issue.record("\(file): gatescope has no \(tensorName)")
                continue
            }
            let difference = got.maxAbsDifference(want)
            #expect(difference <= 1e-5, "\(file): \(tensorName) differs from Keras by \(difference)")
            compared += 1
        }
        #expect(compared == expected.names.count - (expected.names.contains("tokens") ? 2 : 1))
    }

    /// gatescope's counterpart of a recorded tensor: `l0.hidden`, `l0_reverse.final_h`, `l1.final_c`,
    /// `output` (all steps, or the last when Keras returned one).
    static func actual(_ name: String, in trace: NetworkTrace, rows: Int) -> Matrix? {
        if name == "output" {
            guard let output = trace.output else { return nil }
            return rows == output.rows ? output : output.rows(output.rows - rows..<output.rows)
        }
        let dot = name.firstIndex(of: ".")!
        let key = name[..<dot], series = String(name[name.index(after: dot)...])
        let reverse = key.hasSuffix("_reverse")
        guard let layer = Int(key.dropFirst().prefix { $0.isNumber }), let traced = trace.layer(layer, reverse: reverse) else { return nil }
        switch series {
        case "hidden": return traced.series[SeriesName.hidden]
        case "final_h", "final_c":
            guard let sequence = traced.series[series == "final_h" ? SeriesName.hidden : SeriesName.cell] else { return nil }
            // The backward half of a Bidirectional ends at the first position.
            let row = reverse ? 0 : sequence.rows - 1
            return Matrix(rows: sequence.columns, columns: 1, values: sequence.row(row))
        default: return nil
        }
    }

    /// A recorded tensor as a matrix (1-D tensors become one column).
    static func matrix(_ file: SafeTensors, _ name: String) throws -> Matrix {
        let tensor = try file.tensor(named: name)
        let rows = tensor.shape.first ?? 1
        let columns = tensor.shape.count > 1 ? tensor.shape[1] : 1
        return Matrix(rows: rows, columns: columns, values: try tensor.floats())
    }
}
