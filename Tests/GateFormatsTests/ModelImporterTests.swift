import Testing
import GateCore
import GateFormats

/// Finding modules, heads and embeddings in files laid out the ways real exports are.
struct ModelImporterTests {
    /// Imports named float tensors.
    static func load(_ tensors: [(String, [Int], [Float])], metadata: [String: String] = [:],
                     options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        var writer = SafeTensorsWriter(metadata: metadata)
        for (name, shape, values) in tensors { try writer.add(name: name, shape: shape, floats: values) }
        let file = try SafeTensors(bytes: writer.serialize(), source: "m.safetensors")
        return try ModelImporter.importModel(from: file, source: "m.safetensors", options: options)
    }

    /// PyTorch tensors of one layer under `prefix`.
    static func torch(_ prefix: String, _ cell: CellWeights, suffix: String = "_l0") -> [(String, [Int], [Float])] {
        let p = prefix.isEmpty ? "" : prefix + "."
        let (wi, wh, bi, bh): (Matrix, Matrix, [Float], [Float]) = {
            switch cell {
            case .lstm(let w): (w.inputWeights, w.recurrentWeights, w.inputBias, w.recurrentBias)
            case .gru(let w): (w.inputWeights, w.recurrentWeights, w.inputBias, w.recurrentBias)
            case .rnn(let w): (w.inputWeights, w.recurrentWeights, w.inputBias, w.recurrentBias)
            }
        }()
        return [(p + "weight_ih" + suffix, [wi.rows, wi.columns], wi.values), (p + "weight_hh" + suffix, [wh.rows, wh.columns], wh.values),
                (p + "bias_ih" + suffix, [bi.count], bi), (p + "bias_hh" + suffix, [bh.count], bh)]
    }

    /// Keras tensors for an LSTM cell: kernel = W_ihᵀ, recurrent_kernel = W_hhᵀ, bias = b_ih + b_hh.
    static func kerasLSTM(_ prefix: String, _ w: LSTMWeights, separator: String = ".", suffix: String = "") -> [(String, [Int], [Float])] {
        let bias = zip(w.inputBias, w.recurrentBias).map { $0 + $1 }
        return [(prefix + separator + "kernel" + suffix, [w.inputSize, 4 * w.hiddenSize], w.inputWeights.transposed.values),
                (prefix + separator + "recurrent_kernel" + suffix, [w.hiddenSize, 4 * w.hiddenSize], w.recurrentWeights.transposed.values),
                (prefix + separator + "bias" + suffix, [4 * w.hiddenSize], bias)]
    }

    static let input = ModelTestSupport.matrix(7, 3, seed: 9)

    @Test func kerasH5PathsWithSlashesAndSuffixes() throws {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4)
        guard case .lstm(let w) = network.layers[0][0] else { return }
        let imported = try Self.load(Self.kerasLSTM("lstm/lstm_cell", w, separator: "/", suffix: ":0"))
        #expect(imported.module.prefix == "lstm" && imported.module.layout == .keras)
        let want = try network.run(Self.input), got = try imported.network.run(Self.input)
        #expect(got.layers[0].hidden.maxAbsDifference(want.layers[0].hidden) <= 1e-6)
        #expect(try Self.load(Self.kerasLSTM("lstm/lstm_cell", w, separator: "/", suffix: ":0"),
                              options: ModelImportOptions(prefix: "lstm/")).module.prefix == "lstm")
    }

    @Test func kerasBidirectionalPairsForwardAndBackward() throws {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4, bidirectional: true)
        guard case .lstm(let f) = network.layers[0][0], case .lstm(let b) = network.layers[0][1] else { return }
        let imported = try Self.load(Self.kerasLSTM("bidirectional.forward_lstm.lstm_cell", f)
                                     + Self.kerasLSTM("bidirectional.backward_lstm.lstm_cell", b))
        #expect(imported.module.prefix == "bidirectional" && imported.network.isBidirectional)
        let want = try network.run(Self.input), got = try imported.network.run(Self.input)
        #expect(got.layers[1].hidden.maxAbsDifference(want.layers[1].hidden) <= 1e-6)
    }

    @Test func headIsChosenByNameAndShape() throws {
        let base = ModelTestSupport.network(.gru, input: 3, hidden: 4)
        let tensors = Self.torch("model.rnn", base.layers[0][0])
            + [("aux.weight", [2, 4], ModelTestSupport.vector(8, seed: 1)), ("aux.bias", [2], [0, 0]),
               ("classifier.weight", [5, 4], ModelTestSupport.vector(20, seed: 2)), ("classifier.bias", [5], ModelTestSupport.vector(5, seed: 3)),
               ("mlp.weight", [3, 9], ModelTestSupport.vector(27, seed: 4))]
        let imported = try Self.load(tensors)
        #expect(imported.headPrefix == "classifier" && imported.network.head?.outputSize == 5)
        #expect(imported.otherHeadCandidates == ["aux"])
        #expect(imported.ignoredTensors.sorted() == ["aux.bias", "aux.weight", "mlp.weight"])
        #expect(try Self.load(tensors, options: ModelImportOptions(head: "aux")).network.head?.outputSize == 2)
        #expect(try Self.load(tensors, options: ModelImportOptions(head: "none")).network.head == nil)
        let wrong = ModelTestSupport.message { _ = try Self.load(tensors, options: ModelImportOptions(head: "mlp")) }
        #expect(wrong.contains("head 'mlp' is 3×9") && wrong.contains("4 wide"), "\(wrong)")
        let missing = ModelTestSupport.message { _ = try Self.load(tensors, options: ModelImportOptions(head: "fc")) }
        #expect(missing.contains("no linear layer 'fc'") && missing.contains("classifier"), "\(missing)")
    }

    @Test func kerasDenseIsAHead() throws {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4, head: 2)
        guard case .lstm(let w) = network.layers[0][0], let head = network.head else { return }
        let imported = try Self.load(Self.kerasLSTM("lstm", w) + [("dense.kernel", [4, 2], head.weights.transposed.values), ("dense.bias", [2], head.bias)])
        #expect(imported.headPrefix == "dense")
        #expect(imported.network.head == head)
    }

    @Test func embeddingAndVocabularyFromMetadata() throws {
        let base = ModelTestSupport.network(.lstm, input: 3, hidden: 3, head: 4, vocabulary: ["a", "b", "c", "d"])
        let tensors = Self.torch("lstm", base.layers[0][0])
            + [("tok.weight", [4, 3], base.embedding!.values), ("decoder.weight", [4, 3], base.head!.weights.values),
               ("decoder.bias", [4], base.head!.bias)]
        let imported = try Self.load(tensors, metadata: ["vocab": "[\"a\",\"b\",\"c\",\"d\"]", "task": "copy"])
        #expect(imported.embeddingName == "tok.weight" && imported.headPrefix == "decoder")
        #expect(imported.network.vocabulary == ["a", "b", "c", "d"])
        #expect(imported.network.metadata == ["task": "copy"])
        let bad = ModelTestSupport.message { _ = try Self.load(tensors, metadata: ["vocab": "a,b,c"]) }
        #expect(bad.contains("'vocab' is not a JSON array"), "\(bad)")
    }

    @Test func rnnNonlinearityFromOptionOrMetadata() throws {
        let base = ModelTestSupport.network(.rnnTanh, input: 3, hidden: 2)
        let tensors = Self.torch("rnn", base.layers[0][0])
        #expect(try Self.load(tensors).network.kind == .rnnTanh)
        #expect(try Self.load(tensors, metadata: ["nonlinearity": "relu"]).network.kind == .rnnRelu)
        #expect(try Self.load(tensors, options: ModelImportOptions(nonlinearity: .relu)).network.kind == .rnnRelu)
    }

    @Test func cellsAndLayersOfOneModuleMustAgree() throws {
        let lstm = ModelTestSupport.network(.lstm, input: 3, hidden: 2)
        let gru = ModelTestSupport.network(.gru, input: 2, hidden: 2)
        let text = ModelTestSupport.message { _ = try Self.load(Self.torch("rnn", lstm.layers[0][0]) + Self.torch("rnn", gru.layers[0][0], suffix: "_l1")) }
        #expect(text.contains("GRU") && text.contains("LSTM") && text.contains("one cell kind"), "\(text)")
        let gap = ModelTestSupport.message { _ = try Self.load(Self.torch("rnn", lstm.layers[0][0]) + Self.torch("rnn", lstm.layers[0][0], suffix: "_l2")) }
        #expect(gap.contains("rnn.weight_hh_l1"), "\(gap)")
    }

    @Test func aDamagedZipIsCalledOne() throws {
        let path = ModelTestSupport.temporaryDirectory() + "/model.pt"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try FileBytes.writeAtomically([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60), to: path)
        let text = ModelTestSupport.message { _ = try ModelImporter.load(path: path) }
        #expect(text == "\(path): has no zip end-of-central-directory record; the archive is truncated or not a zip: download or save it again", "\(text)")
    }

    /// Garbage bytes (a fixed pseudo-random run, no format's signature) under each model extension.
    @Test(arguments: [("model.keras", "is not a Keras zip archive"), ("model.h5", "is not an HDF5 file"),
                      ("model.weights.h5", "is not an HDF5 file"), ("model.pt", "is not a PyTorch zip archive"),
                      ("model.pth", "is not a PyTorch zip archive"), ("model.safetensors", "safetensors")])
    func garbageIsNamedByWhatItsExtensionPromised(name: String, expected: String) throws {
        let path = ModelTestSupport.temporaryDirectory() + "/" + name
        defer { ModelTestSupport.removeDirectory(containing: path) }
        var state: UInt32 = 12345
        let bytes = (0..<100).map { _ -> UInt8 in state = state &* 1_103_515_245 &+ 12345; return UInt8(truncatingIfNeeded: state >> 16) | 0x80 }
        try FileBytes.writeAtomically(bytes, to: path)
        let text = ModelTestSupport.message { _ = try ModelImporter.load(path: path) }
        #expect(text.hasPrefix("\(path): ") && text.contains(expected), "\(text)")
        if !name.hasSuffix(".safetensors") { #expect(!text.contains("safetensors;") && !text.contains("limit of safetensors"), "\(text)") }
    }
}
