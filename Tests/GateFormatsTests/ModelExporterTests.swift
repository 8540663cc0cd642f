import Foundation
import Testing
import GateCore
import GateFormats

/// Saving a network and importing it again gives the same network.
struct ModelExporterTests {
    static let networks: [(String, RecurrentNetwork)] = {
        var relu = ModelTestSupport.network(.rnnRelu, input: 2, hidden: 3, layers: 2)
        relu.metadata = ["task": "adding problem", "loss": "0.013"]
        var gru = ModelTestSupport.network(.gru, input: 3, hidden: 4, bidirectional: true, head: 2)
        if case .gru(var w) = gru.layers[0][0] { w.resetAfter = false; gru.layers[0][0] = .gru(w) }
        if case .gru(var w) = gru.layers[0][1] { w.resetAfter = false; gru.layers[0][1] = .gru(w) }
        return [
            ("lstm", ModelTestSupport.network(.lstm, input: 3, hidden: 5, head: 2)),
            ("lstm proj bidir", ModelTestSupport.network(.lstm, input: 3, hidden: 6, layers: 2, bidirectional: true, projection: 2)),
            ("char lstm", ModelTestSupport.network(.lstm, input: 4, hidden: 5, head: 3, vocabulary: ["(", ")", "\n"])),
            ("gru reset before", gru),
            ("rnn relu", relu),
            ("rnn tanh", ModelTestSupport.network(.rnnTanh, input: 1, hidden: 2)),
            ("word vocab", ModelTestSupport.network(.gru, input: 2, hidden: 3, head: 4, vocabulary: ["<unk>", "the \"cat\"", "é", "<eos>"])),
        ]
    }()

    @Test(arguments: 0..<networks.count)
    func roundTrip(_ index: Int) throws {
        let (name, network) = Self.networks[index]
        let path = ModelTestSupport.temporaryDirectory() + "/model.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try ModelExporter.save(network, to: path)
        let imported = try ModelImporter.importModel(path: path)
        #expect(imported.network == network, "\(name)")
        #expect(imported.module.prefix == "rnn")
        #expect(imported.ignoredTensors.isEmpty)
        let metadata = imported.fileMetadata
        #expect(metadata["format"] == "gatescope-model" && metadata["format_version"] == "1")
        #expect(metadata["cell"] == network.kind.rawValue)
    }

    @Test func namesAreThoseOfPyTorch() throws {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4, layers: 2, bidirectional: true, projection: 2, head: 1)
        let file = try SafeTensors(bytes: try ModelExporter.serialize(network))
        #expect(Set(file.names) == Set(["head.weight", "head.bias"] + (0..<2).flatMap { k in
            ["", "_reverse"].flatMap { d in
                ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"].map { "rnn.\($0)_l\(k)\(d)" }
            }
        }))
        #expect(try file.tensor(named: "rnn.weight_ih_l1").shape == [16, 4])
    }

    @Test func invalidNetworkIsRefused() {
        var network = ModelTestSupport.network(.lstm, input: 3, hidden: 4)
        network.head = LinearHead(weights: Matrix(rows: 2, columns: 7))
        let text = ModelTestSupport.message { try ModelExporter.save(network, to: "/tmp/never.safetensors") }
        #expect(text.contains("cannot save the model") && text.contains("head"), "\(text)")
    }

    /// A model with a non-finite weight is refused before anything is written (the importer would refuse the file).
    @Test(arguments: [Float.infinity, -.infinity, .nan])
    func aNonFiniteWeightIsRefusedAndNothingIsWritten(value: Float) throws {
        var network = ModelTestSupport.network(.gru, input: 2, hidden: 3, head: 1)
        guard case .gru(var w) = network.layers[0][0] else { Issue.record("not a GRU"); return }
        w.recurrentWeights[4, 1] = value
        network.layers[0][0] = .gru(w)
        let path = ModelTestSupport.temporaryDirectory() + "/diverged.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        let text = ModelTestSupport.message { try ModelExporter.save(network, to: path) }
        #expect(text == "\(path): cannot save the model: tensor 'rnn.weight_hh_l0' holds \(value) at [4, 1]; weights must be finite (did training diverge? try a smaller learning rate)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
