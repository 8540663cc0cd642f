import Testing
import GateCore
@testable import GateFormats

/// ONNX import checked against onnxruntime on the same models (fixtures from scripts/make_onnx_fixtures.py).
@Suite struct ONNXImportTests {
    /// `Tests/GateFormatsTests/Fixtures/onnx/<name>`.
    static func path(_ name: String, file: String = #filePath) -> String {
        let directory = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return "\(directory)/Fixtures/onnx/\(name)"
    }

    static let matched = [
        "onnx_torch_lstm", "onnx_torch_lstm2", "onnx_torch_bilstm", "onnx_torch_gru",
        "onnx_lstm_peepholes", "onnx_lstm_clip", "onnx_lstm_input_forget", "onnx_bilstm_peepholes_clip",
        "onnx_gru_reset_before", "onnx_rnn_relu",
    ]

    @Test(arguments: matched)
    func hiddenStatesMatchOnnxruntime(name: String) throws {
        let network = try ModelImporter.load(path: Self.path("\(name).onnx"))
        let input = try NpyArray(path: Self.path("\(name).input.npy")).matrix()
        let trace = try network.run(input)
        let expected = try SafeTensors(path: Self.path("\(name).expected.safetensors"))
        var compared = 0
        for layer in trace.layers {
            let tensor = try expected.tensor(named: "\(layer.key).hidden")
            let values = try tensor.floats()
            let want = Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: values)
            let difference = layer.hidden.maxAbsDifference(want)
            #expect(difference <= 1e-5, "\(name) \(layer.key): max |Δ| \(difference)")
            compared += 1
        }
        #expect(compared == expected.names.count)
    }

    @Test func convertsGateOrderPeepholesAndOptions() throws {
        let imported = try ONNXImporter.importModel(path: Self.path("onnx_bilstm_peepholes_clip.onnx"))
        #expect(imported.module.layout == .onnx)
        #expect(imported.network.isBidirectional)
        guard case .lstm(let w) = imported.network.layers[0][1] else { Issue.record("not an LSTM"); return }
        #expect(w.peepholes != nil)
        #expect(w.clip == 2.0)
        let coupled = try ModelImporter.load(path: Self.path("onnx_lstm_input_forget.onnx"))
        guard case .lstm(let c) = coupled.layers[0][0] else { Issue.record("not an LSTM"); return }
        #expect(c.couplesInputAndForget)
        let gru = try ModelImporter.load(path: Self.path("onnx_gru_reset_before.onnx"))
        guard case .gru(let g) = gru.layers[0][0] else { Issue.record("not a GRU"); return }
        #expect(!g.resetAfter)
        let torchGRU = try ModelImporter.load(path: Self.path("onnx_torch_gru.onnx"))
        guard case .gru(let tg) = torchGRU.layers[0][0] else { Issue.record("not a GRU"); return }
        #expect(tg.resetAfter)
        #expect(torchGRU.layers.count == 2)
        #expect(try ModelImporter.load(path: Self.path("onnx_rnn_relu.onnx")).kind == .rnnRelu)
    }

    /// A Softmax (opset 11, default axis 1 on the Gemm's 2-D output) after the head is applied; a
    /// LogSoftmax is not, and a note says the output shown is the head's value before it.
    @Test(arguments: [("onnx_head_softmax_gemm", true), ("onnx_head_logsoftmax", false)])
    func functionsAfterTheHeadMatchOnnxruntime(name: String, applied: Bool) throws {
        let imported = try ModelImporter.importModel(path: Self.path("\(name).onnx"))
        let expected = try SafeTensors(path: Self.path("\(name).expected.safetensors"))
        func matrix(_ tensor: String) throws -> Matrix {
            let t = try expected.tensor(named: tensor)
            return Matrix(rows: t.shape[0], columns: t.shape[1], values: try t.floats())
        }
        let output = try #require(try imported.network.run(try matrix("x")).output)
        #expect(imported.network.head?.activation == (applied ? .softmax : .linear))
        #expect(output.maxAbsDifference(try matrix(applied ? "output" : "logits")) <= 1e-5)
        #expect(imported.notes == (applied ? [] : ["note: the head's output goes through LogSoftmax node 'after_head', which gatescope does not apply: the output shown is the head's value before it"]))
    }

    @Test func refusesOtherActivations() {
        #expect {
            try ModelImporter.load(path: Self.path("onnx_lstm_relu_activation.onnx"))
        } throws: { error in
            "\(error)".contains("activations Sigmoid, Tanh, Relu")
        }
    }

    @Test func severalModulesTakeTheFirstWithANote() throws {
        let path = Self.path("onnx_two_modules.onnx")
        let imported = try ModelImporter.importModel(path: path)
        #expect(imported.module.prefix == "encoder")
        #expect(imported.notes == ["note: using encoder (LSTM 3→4), the first of 2 recurrent modules; the others: decoder (LSTM 5→2); pick one with --node NAME"])
        #expect(try ModelImporter.load(path: path, options: ModelImportOptions(prefix: "decoder")).inputSize == 5)
        #expect(try ModelImporter.load(path: path, options: ModelImportOptions(prefix: "encoder")).hiddenSize == 4)
    }

    @Test func externalDataNeedsTheModelPath() throws {
        var tensor = try ONNXTensor(reader: ProtobufReader(bytes: [0x08, 0x02, 0x10, 0x01, 0x42, 0x01, 0x57, 0x70, 0x01], source: nil))
        #expect(tensor.isExternal)
        #expect(tensor.name == "W")
        #expect(throws: FormatError.self) { try tensor.floats(source: "m.onnx") }
        tensor.isExternal = false
        tensor.floatData = [1, 2]
        #expect(try tensor.floats(source: nil) == [1, 2])
    }

    @Test func garbageTruncationAndForeignFilesAreRefusedWithoutCrashing() throws {
        let bytes = try FileBytes.read(path: Self.path("onnx_torch_lstm2.onnx"))
        // Every truncation point.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            _ = try? ONNXImporter.importModel(bytes: Array(bytes.prefix(length)), source: "cut.onnx")
        }
        // Deterministic byte flips.
        var state: UInt64 = 12345
        for _ in 0..<400 {
            var copy = bytes
            for _ in 0..<4 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                copy[Int(state >> 33) % copy.count] = UInt8(truncatingIfNeeded: state >> 13)
            }
            _ = try? ONNXImporter.importModel(bytes: copy, source: "flipped.onnx")
        }
        // Deep nesting and a huge length.
        let deep = [UInt8](repeating: 0x3A, count: 200) + [0x7F]
        #expect(throws: FormatError.self) { try ONNXModel(bytes: deep, source: "deep.onnx") }
        #expect(throws: FormatError.self) { try ONNXModel(bytes: [0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], source: "long.onnx") }
        #expect(throws: FormatError.self) { try ONNXModel(bytes: Array("hello, world\n".utf8), source: "text.onnx") }
        #expect(throws: FormatError.self) { try ONNXModel(bytes: [], source: "empty.onnx") }
        let overlong = [UInt8](repeating: 0xFF, count: 11)
        #expect(throws: FormatError.self) { try ONNXModel(bytes: [0x08] + overlong, source: "varint.onnx") }
    }

    @Test func decodesVarintsAndPackedFields() throws {
        // field 1 varint 300, field 4 packed floats [1.5], field 7 varint -1 (ten bytes)
        let bytes: [UInt8] = [0x08, 0xAC, 0x02, 0x22, 0x04, 0x00, 0x00, 0xC0, 0x3F,
                              0x38, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        var reader = try ProtobufReader(bytes: bytes, source: nil)
        let first = try #require(try reader.next())
        #expect(try reader.integer(first.value, field: "a") == 300)
        let second = try #require(try reader.next())
        #expect(try reader.floats(second.value) == [1.5])
        let third = try #require(try reader.next())
        #expect(try reader.integer(third.value, field: "c") == -1)
        #expect(try reader.next() == nil)
    }
}
