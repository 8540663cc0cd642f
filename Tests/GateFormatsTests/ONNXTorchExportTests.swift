import Foundation
import Testing
import GateCore
@testable import GateFormats

/// PyTorch models exported with torch.onnx.export as users do: the default exporter (dynamo=True, weights
/// in NAME.onnx.data, R made by Concat of slices) and the legacy one; expected values from torch itself
/// (scripts/make_onnx_torch_exports.py checks onnxruntime agrees).
@Suite struct ONNXTorchExportTests {
    /// `Fixtures/onnx/torch_export/<name>`.
    static func path(_ name: String) -> String { ONNXImportTests.path("torch_export/\(name)") }

    static let exports = [
        "char_lstm2_dynamo", "char_lstm2_legacy", "bigru_tokens_dynamo", "bigru_tokens_legacy",
        "bilstm2_tokens_dynamo", "bilstm2_tokens_legacy", "birnn2_features_legacy", "birnn2_features_dynamo",
        "rnn_relu_tokens_dynamo", "rnn_relu_tokens_legacy", "rnn_nobias_features_legacy",
        "lstm_softmax_features_dynamo", "lstm_softmax_features_legacy",
        "bigru_sigmoid_features_dynamo", "bigru_sigmoid_features_legacy",
        "rnn_sigmoid_features_dynamo", "rnn_sigmoid_features_legacy",
    ]

    @Test func theFunctionAfterTheHeadIsApplied() throws {
        for (name, activation) in [("lstm_softmax_features", HeadActivation.softmax), ("bigru_sigmoid_features", .sigmoid)] {
            for flavour in ["dynamo", "legacy"] {
                let network = try ModelImporter.load(path: Self.path("\(name)_\(flavour).onnx"))
                #expect(network.head?.activation == activation, "\(name)_\(flavour)")
            }
        }
        #expect(try ModelImporter.load(path: Self.path("char_lstm2_legacy.onnx")).head?.activation == .linear)
    }

    /// A LogSoftmax after the head is not applied: the output is the logits (their log-softmax is
    /// torch's output) and a note says so, also when the exporter unrolled the nn.RNN.
    @Test(arguments: ["dynamo", "legacy"])
    func aLogSoftmaxAfterTheHeadIsNamedNotApplied(flavour: String) throws {
        let imported = try ModelImporter.importModel(path: Self.path("rnn_logsoftmax_features_\(flavour).onnx"))
        #expect(imported.network.head?.activation == .linear)
        #expect(imported.notes.last?.hasPrefix("note: the head's output goes through LogSoftmax node") == true, "\(imported.notes)")
        #expect(imported.notes.last?.hasSuffix("which gatescope does not apply: the output shown is the head's value before it") == true)
        let expected = try SafeTensors(path: Self.path("rnn_logsoftmax_features.expected.safetensors"))
        let x = try expected.tensor(named: "x"), want = try expected.tensor(named: "output")
        let logits = try #require(try imported.network.run(Matrix(rows: x.shape[0], columns: x.shape[1], values: try x.floats())).output)
        let wanted = try want.floats()
        for t in 0..<logits.rows {
            let row = logits.row(t)
            let largest = row.max()!
            let logTotal = largest + Float(Foundation.log(Double(row.map { Foundation.exp(Double($0 - largest)) }.reduce(0, +))))
            for (k, value) in row.enumerated() { #expect(abs(value - logTotal - wanted[t * row.count + k]) <= 1e-5) }
        }
    }

    @Test(arguments: exports)
    func outputsMatchTorch(name: String) throws {
        let imported = try ModelImporter.importModel(path: Self.path("\(name).onnx"))
        // The dynamo exporter unrolls nn.RNN into a MatMul per step: rebuilt, with a note saying so.
        let unrolled = name.hasSuffix("_dynamo") && name.contains("rnn") && !name.contains("lstm")
        #expect(imported.notes == (unrolled ? ["note: PyTorch's exporter unrolled the nn.RNN 'rnn' into one MatMul per step; gatescope rebuilt it from the weights beside its biases"] : []))
        #expect((imported.network.kind == .rnnRelu) == name.contains("relu"))
        let network = imported.network
        let base = String(name[..<name.lastIndex(of: "_")!])
        let expected = try SafeTensors(path: Self.path("\(base).expected.safetensors"))
        let trace: NetworkTrace
        if expected.names.contains("tokens") {
            let tokens = try expected.tensor(named: "tokens").floats().map { Int($0) }
            #expect(network.embedding != nil)
            trace = try network.run(network.encode(tokens: tokens), tokens: tokens)
        } else {
            let x = try expected.tensor(named: "x")
            trace = try network.run(Matrix(rows: x.shape[0], columns: x.shape[1], values: try x.floats()))
        }
        let output = try expected.tensor(named: "output")
        let hidden = try expected.tensor(named: "hidden")
        let got = try #require(trace.output)
        #expect(got.maxAbsDifference(Matrix(rows: output.shape[0], columns: output.shape[1], values: try output.floats())) <= 1e-5)
        let top = RecurrentNetwork.topOutput(of: trace)
        #expect(top.maxAbsDifference(Matrix(rows: hidden.shape[0], columns: hidden.shape[1], values: try hidden.floats())) <= 1e-5)
    }

    @Test func headAndEmbeddingOptions() throws {
        let path = Self.path("char_lstm2_legacy.onnx")
        let bare = try ModelImporter.importModel(path: path, options: ModelImportOptions(head: "none", embedding: "none"))
        #expect(bare.network.head == nil && bare.network.embedding == nil && bare.network.inputSize == 6)
        let named = try ModelImporter.importModel(path: path, options: ModelImportOptions(head: "/fc/MatMul", embedding: "/embed/Gather"))
        #expect(named.headPrefix == "/fc/MatMul" && named.embeddingName == "/embed/Gather")
        #expect(named.usedTensors.contains("fc.bias") && named.usedTensors.contains("embed.weight"))
        #expect {
            try ModelImporter.load(path: path, options: ModelImportOptions(head: "fc"))
        } throws: { error in
            "\(error)".contains("the head found is '/fc/MatMul'")
        }
    }

    @Test func unrolledRNNGetsTheLegacyExporterHint() {
        #expect {
            try ModelImporter.load(path: Self.path("rnn_nobias_features_dynamo.onnx"))
        } throws: { error in
            "\(error)".contains("export it with torch.onnx.export(..., dynamo=False)")
        }
    }

    /// A scratch copy of the char LSTM export (model and data file) in a fresh directory.
    static func scratchCopy() throws -> String {
        let directory = NSTemporaryDirectory() + "gatescope-onnx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in ["char_lstm2_dynamo.onnx", "char_lstm2_dynamo.onnx.data"] {
            try FileManager.default.copyItem(atPath: path(file), toPath: directory + "/" + file)
        }
        return directory
    }

    @Test func externalDataIsBoundsChecked() throws {
        let directory = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = directory + "/char_lstm2_dynamo.onnx"
        #expect(try ModelImporter.load(path: model).layers.count == 2)
        let data = try FileBytes.read(path: model + ".data")
        try FileBytes.writeAtomically(Array(data.prefix(data.count - 8)), to: model + ".data")
        #expect {
            try ModelImporter.load(path: model)
        } throws: { error in
            "\(error)".contains("run past its end")
        }
        try FileManager.default.removeItem(atPath: model + ".data")
        #expect {
            try ModelImporter.load(path: model)
        } throws: { error in
            "\(error)".contains("cannot open for reading")
        }
    }

    @Test func externalLocationsStayBesideTheModel() throws {
        let external = ONNXExternalData(modelPath: "/models/m.onnx")
        #expect(try external.path(for: "m.onnx.data", tensor: "W") == "/models/m.onnx.data")
        #expect(try external.path(for: "weights/w.bin", tensor: "W") == "/models/weights/w.bin")
        for bad in ["/etc/passwd", "../secret", "a/../../b", ""] {
            #expect(throws: FormatError.self) { try external.path(for: bad, tensor: "W") }
        }
        #expect(ONNXExternalData(modelPath: "m.onnx").directory == ".")
        #expect(ONNXExternalData(modelPath: nil).directory == nil)
    }
}
