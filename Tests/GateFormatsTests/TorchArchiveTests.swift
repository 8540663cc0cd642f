import Testing
import GateCore
@testable import GateFormats

/// torch.save checkpoints and TorchScript archives against torch itself (fixtures from
/// scripts/make_torch_archive_fixtures.py): every gate and state of every layer, and the head's output.
@Suite struct TorchArchiveTests {
    /// `Tests/GateFormatsTests/Fixtures/torch/<name>`.
    static func path(_ name: String, file: String = #filePath) -> String {
        let directory = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return "\(directory)/Fixtures/torch/\(name)"
    }

    /// (file, the case whose input and expected values it shares).
    static let matched: [(String, String)] = [
        ("lstm.pt", "lstm"), ("lstm_p4.pt", "lstm"), ("lstm_p5.pt", "lstm"), ("gru.pth", "gru"), ("rnn.bin", "rnn"), ("bilstm2.pt", "bilstm2"),
        ("bigru2.pt", "bigru2"), ("lstm_proj.pt", "lstm_proj"), ("gru_f16.pt", "gru_f16"),
        ("lstm_bf16.pt", "lstm_bf16"), ("rnn_f64.pt", "rnn_f64"), ("views.pt", "views"), ("checkpoint.pt", "checkpoint"),
        ("charmodel.pt", "charmodel"), ("charmodel_whole.pt", "charmodel"), ("scripted.jit", "scripted"),
        ("tied.pt", "tied"),
    ]

    /// The cases whose input is token ids (NAME.tokens.npy) rather than a T × X sequence.
    static let tokenCases: Set<String> = ["charmodel", "tied"]

    @Test(arguments: matched)
    func gatesAndStatesMatchTorch(file: String, name: String) throws {
        let network = try ModelImporter.load(path: Self.path(file))
        let trace: NetworkTrace
        if Self.tokenCases.contains(name) {
            let ids = try NpyArray(path: Self.path("\(name).tokens.npy")).values.compactMap { Int(exactly: $0) }
            #expect(ids.count >= 5)
            trace = try network.run(try network.encode(tokens: ids), tokens: ids)
        } else {
            trace = try network.run(try NpyArray(path: Self.path("\(name).input.npy")).matrix())
        }
        let expected = try SafeTensors(path: Self.path("\(name).expected.safetensors"))
        var compared = 0
        for tensorName in expected.names {
            let tensor = try expected.tensor(named: tensorName)
            let want = Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: try tensor.floats())
            let got: Matrix?
            if tensorName == "output" {
                got = trace.output
            } else {
                let parts = tensorName.split(separator: ".", maxSplits: 1).map(String.init)
                got = trace.layers.first { $0.key == parts[0] }?.series[parts[1]]
            }
            guard let got else {
                Issue.record("\(file): gatescope has no \(tensorName)")
                continue
            }
            let difference = got.maxAbsDifference(want)
            #expect(difference <= 1e-5, "\(file) \(tensorName): max |Δ| \(difference)")
            compared += 1
        }
        #expect(compared == expected.names.count && compared > 0)
    }

    @Test func wholeModuleAndScriptedModuleGetStateDictNames() throws {
        let stateDict = try TorchArchive(path: Self.path("charmodel.pt"))
        let whole = try TorchArchive(path: Self.path("charmodel_whole.pt"))
        #expect(stateDict.kind == .checkpoint && whole.kind == .checkpoint)
        #expect(Set(whole.tensors.map(\.name)) == Set(stateDict.tensors.map(\.name)))
        #expect(Set(stateDict.tensors.map(\.name)) == ["embed.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0",
                                                       "rnn.bias_ih_l0", "rnn.bias_hh_l0", "fc.weight", "fc.bias"])
        for tensor in stateDict.tensors {
            #expect(whole.tensors.first { $0.name == tensor.name } == tensor)
        }
        let scripted = try TorchArchive(path: Self.path("scripted.jit"))
        #expect(scripted.kind == .torchScript)
        #expect(scripted.tensors.map(\.name) == ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                                                 "rnn.bias_hh_l0", "head.weight", "head.bias"])
    }

    @Test func tiedWeightsKeepBothNames() throws {
        let archive = try TorchArchive(path: Self.path("tied.pt"))
        let embed = try #require(archive.tensors.first { $0.name == "embed.weight" })
        let head = try #require(archive.tensors.first { $0.name == "fc.weight" })
        #expect(embed.bytes == head.bytes && embed.shape == [7, 5])
        let imported = try ModelImporter.importModel(path: Self.path("tied.pt"))
        #expect(imported.embeddingName == "embed.weight" && imported.headPrefix == "fc")
    }

    @Test func checkpointNamesCarryTheirKeyAndHalfPrecisionIsKept() throws {
        let imported = try ModelImporter.importModel(path: Self.path("checkpoint.pt"))
        #expect(imported.module.prefix == "model_state_dict")
        #expect(imported.ignoredTensors.allSatisfy { $0.hasPrefix("optimizer_state_dict.") })
        #expect(!imported.ignoredTensors.isEmpty)
        let half = try TorchArchive(path: Self.path("gru_f16.pt"))
        #expect(half.tensors.allSatisfy { $0.dtype == .f16 })
        #expect(try TorchArchive(path: Self.path("lstm_bf16.pt")).tensors.allSatisfy { $0.dtype == .bf16 })
        #expect(try TorchArchive(path: Self.path("rnn_f64.pt")).tensors.allSatisfy { $0.dtype == .f64 })
    }

    @Test func filesAreSniffedForWhatTheyReallyAre() throws {
        let kinds: [(String, FileKind)] = [
            (Self.path("lstm.pt"), .torchCheckpoint), (Self.path("rnn.bin"), .torchCheckpoint),
            (Self.path("scripted.jit"), .torchScript), (Self.path("legacy.pt"), .legacyTorch),
            (Self.path("tiny.keras"), .kerasArchive), (Self.path("tiny.weights.h5"), .hdf5), (Self.path("arrays.npz"), .npz),
            (Self.path("lstm.expected.safetensors"), .safetensors), (Self.path("lstm.input.npy"), .npy),
            (ONNXImportTests.path("onnx_torch_lstm.onnx"), .onnx),
        ]
        for (file, kind) in kinds {
            #expect(FileKind.of(path: file) == kind, "\(file)")
        }
        #expect(FileKind.of(bytes: Array("a,b\n1,2\n".utf8)) == .text)
        #expect(FileKind.of(bytes: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .hdf5)
        #expect(FileKind.of(bytes: [0x80, 0x04, 0x95]) == .pickle)
        if case .damagedZip = FileKind.of(bytes: Array(try FileBytes.read(path: Self.path("lstm.pt")).prefix(100))) {} else {
            Issue.record("a truncated zip is not called damaged")
        }
    }

    @Test func otherFormatsAreRefusedByName() {
        let cases: [(String, String)] = [
            ("legacy.pt", "is a legacy torch.save file (PyTorch before 1.6, a bare pickle), not model weights; save it again with a current PyTorch"),
            ("arrays.npz", "is a NumPy .npz archive, not model weights; an input sequence? pass it with --input"),
            ("lstm.input.npy", "is a NumPy .npy array, not model weights; an input sequence? pass it with --input"),
        ]
        for (file, message) in cases {
            let got = ModelTestSupport.message { _ = try ModelImporter.open(path: Self.path(file)) }
            #expect(got.hasPrefix(Self.path(file) + ": " + message), "\(got)")
        }
        let plainZip = ModelTestSupport.message { _ = try ModelImporter.open(path: FormatFixtures.path("../zip/stored.zip")) }
        #expect(plainZip.contains("is a zip archive holding 'hello.txt', 'dir/bytes.bin', 'repeat.txt', not model weights"), "\(plainZip)")
    }

    @Test func badViewsStoragesAndRecordsAreRefused() {
        let cases: [(String, String)] = [
            ("bad_view.pt", "tensor 'weight_hh_l0' (offset 2, size [4], stride [1]) reaches element 5 of a storage of 4; the file is corrupt"),
            ("bad_storage_size.pt", "storage 'archive/data/0' holds 16 bytes but data.pkl says 5 F32 elements; the file is corrupt"),
            ("missing_record.pt", "has no record 'archive/data/0' for a tensor's storage; the archive is incomplete"),
            ("repeated_view.pt", "its tensors repeat their storages' elements more than 8 times over (at 'weight_hh_l0'); the file is corrupt or crafted"),
        ]
        for (file, message) in cases {
            let got = ModelTestSupport.message { _ = try TorchArchive(path: Self.path(file)) }
            #expect(got.hasPrefix(Self.path(file) + ": " + message), "\(got)")
        }
    }

    @Test func aForeignGlobalIsKeptOpaqueNeverRun() throws {
        let archive = try TorchArchive(path: Self.path("foreign_global.pt"))
        #expect(archive.tensors.isEmpty)
        let message = ModelTestSupport.message { _ = try ModelImporter.load(path: Self.path("foreign_global.pt")) }
        #expect(message.contains("holds no recurrent weights"), "\(message)")
    }

    @Test func everyTruncationOfACheckpointIsRefused() throws {
        let bytes = try FileBytes.read(path: Self.path("scripted.jit"))
        for length in stride(from: 0, to: bytes.count, by: 97) {
            let message = ModelTestSupport.message { _ = try TorchArchive(bytes: Array(bytes.prefix(length)), source: "cut.jit") }
            #expect(message.hasPrefix("cut.jit: "), "\(length): \(message)")
        }
    }

    @Test func anUnknownPrefixIsRefused() throws {
        let message = ModelTestSupport.message { _ = try ModelImporter.load(path: Self.path("bilstm2.pt"), options: ModelImportOptions(prefix: "nope")) }
        #expect(message.contains("has no recurrent module 'nope'"), "\(message)")
    }
}
