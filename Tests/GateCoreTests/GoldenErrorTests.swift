import Testing
import GateCore
import GateFormats

/// Malformed models built from the fixtures: every problem is one clear line naming the tensor.
struct GoldenErrorTests {
    /// The tensors of a fixture model, editable.
    static func tensors(_ name: String) throws -> [Tensor] {
        try SafeTensors(path: GoldenFixture.path(name + ".model")).tensors()
    }

    /// Imports tensors as if from a file called `model.safetensors`.
    static func importing(_ tensors: [Tensor], options: ModelImportOptions = ModelImportOptions(),
                          metadata: [String: String] = [:]) throws -> ImportedModel {
        var writer = SafeTensorsWriter(metadata: metadata)
        for tensor in tensors { try writer.add(tensor) }
        let file = try SafeTensors(bytes: writer.serialize(), source: "model.safetensors")
        return try ModelImporter.importModel(from: file, source: "model.safetensors", options: options)
    }

    /// The message of the error `body` throws.
    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    @Test func missingTensorIsNamed() throws {
        let tensors = try Self.tensors("lstm_2layer").filter { $0.name != "encoder.lstm.weight_ih_l1" }
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.hasPrefix("model.safetensors: "))
        #expect(text.contains("encoder.lstm.weight_ih_l1") && text.contains("missing"), "\(text)")
        #expect(!text.contains("\n"))
    }

    @Test func missingBiasPartnerIsNamed() throws {
        let tensors = try Self.tensors("gru_3x5").filter { $0.name != "rnn.bias_hh_l0" }
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("rnn.bias_hh_l0") && text.contains("missing"), "\(text)")
    }

    @Test func wrongShapeSaysWhatWasExpected() throws {
        var tensors = try Self.tensors("lstm_2layer")
        let index = tensors.firstIndex { $0.name == "encoder.lstm.weight_ih_l1" }!
        tensors[index] = try Tensor(name: "encoder.lstm.weight_ih_l1", shape: [20, 4], floats: [Float](repeating: 0.1, count: 80))
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("encoder.lstm.weight_ih_l1") && text.contains("[20, 4]") && text.contains("[20, 5]"), "\(text)")
    }

    @Test func badRecurrentShapeIsExplained() throws {
        var tensors = try Self.tensors("rnn_tanh")
        let index = tensors.firstIndex { $0.name == "rnn.weight_hh_l0" }!
        tensors[index] = try Tensor(name: "rnn.weight_hh_l0", shape: [10, 5], floats: [Float](repeating: 0.1, count: 50))
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("rnn.weight_hh_l0") && text.contains("[4H, H]"), "\(text)")
    }

    @Test func nanWeightIsLocated() throws {
        var tensors = try Self.tensors("lstm_4x6_head")
        let index = tensors.firstIndex { $0.name == "rnn.weight_hh_l0" }!
        var values = try tensors[index].floats()
        values[7] = .nan
        tensors[index] = try Tensor(name: "rnn.weight_hh_l0", shape: [24, 6], floats: values)
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("rnn.weight_hh_l0") && text.contains("nan") && text.contains("[1, 1]"), "\(text)")
    }

    @Test func infiniteHeadWeightIsRejected() throws {
        var tensors = try Self.tensors("lstm_4x6_head")
        let index = tensors.firstIndex { $0.name == "head.bias" }!
        tensors[index] = try Tensor(name: "head.bias", shape: [3], floats: [0, .infinity, 0])
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("head.bias") && text.contains("inf"), "\(text)")
    }

    @Test func integerWeightsAreAnUnsupportedDtype() throws {
        var tensors = try Self.tensors("rnn_tanh")
        let index = tensors.firstIndex { $0.name == "rnn.bias_ih_l0" }!
        tensors[index] = try Tensor(name: "rnn.bias_ih_l0", dtype: .i64, shape: [5], bytes: [UInt8](repeating: 0, count: 40))
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("rnn.bias_ih_l0") && text.contains("I64") && text.contains("F32"), "\(text)")
    }

    @Test func severalModulesNeedAPrefix() throws {
        let tensors = try Self.tensors("two_modules")
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text == "model.safetensors: holds 2 recurrent modules: decoder (GRU 4→4), encoder (LSTM 3→4); pick one with --prefix"
                || text == "model.safetensors: holds 2 recurrent modules: encoder (LSTM 3→4), decoder (GRU 4→4); pick one with --prefix", "\(text)")
        let unknown = Self.message { _ = try Self.importing(tensors, options: ModelImportOptions(prefix: "middle")) }
        #expect(unknown.contains("no recurrent module 'middle'") && unknown.contains("encoder (LSTM 3→4)"), "\(unknown)")
        #expect(try Self.importing(tensors, options: ModelImportOptions(prefix: "decoder")).network.kind == .gru)
    }

    @Test func fileWithoutRecurrentWeightsSaysSo() throws {
        let tensors = try Self.tensors("lstm_4x6_head").filter { $0.name.hasPrefix("head.") }
        let text = Self.message { _ = try Self.importing(tensors) }
        #expect(text.contains("holds no recurrent weights") && text.contains("head.weight"), "\(text)")
    }

    @Test func realStateDictJunkIsIgnored() throws {
        var tensors = try Self.tensors("lstm_4x6_head")
        tensors.append(try Tensor(name: "bn.num_batches_tracked", dtype: .i64, shape: [], bytes: [UInt8](repeating: 0, count: 8)))
        tensors.append(try Tensor(name: "bn.running_mean", shape: [6], floats: [Float](repeating: .nan, count: 6)))
        tensors.append(try Tensor(name: "optimizer.state.0.exp_avg", shape: [24, 4], floats: [Float](repeating: 0, count: 96)))
        let imported = try Self.importing(tensors)
        #expect(imported.headPrefix == "head")
        #expect(Set(imported.ignoredTensors) == ["bn.num_batches_tracked", "bn.running_mean", "optimizer.state.0.exp_avg"])
        #expect(imported.usedTensors.count == 6)
    }
}
