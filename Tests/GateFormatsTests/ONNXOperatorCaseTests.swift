import Foundation
import Testing
import GateCore
@testable import GateFormats

/// ONNX's own LSTM, GRU and RNN operator test cases (onnx/backend/test/case/node/{lstm,gru,rnn}.py,
/// expected outputs from ONNX's numpy reference), plus cases of ours with constant initial states and
/// sequence_lens (expected outputs from onnxruntime); fixtures from scripts/make_onnx_operator_cases.py.
@Suite struct ONNXOperatorCaseTests {
    /// `Fixtures/onnx/operator_cases/<name>`.
    static func path(_ name: String) -> String { ONNXImportTests.path("operator_cases/\(name)") }

    /// Every case the script wrote.
    static let cases = [
        "test_lstm_defaults", "test_lstm_with_initial_bias", "test_lstm_with_peepholes", "test_lstm_batchwise",
        "test_lstm_reverse", "test_lstm_bidirectional",
        "test_gru_defaults", "test_gru_with_initial_bias", "test_gru_seq_length", "test_gru_batchwise",
        "test_gru_reverse", "test_gru_bidirectional",
        "test_simple_rnn_defaults", "test_simple_rnn_with_initial_bias", "test_rnn_seq_length",
        "test_simple_rnn_batchwise", "test_simple_rnn_reverse", "test_simple_rnn_bidirectional",
        "own_lstm_forward_initial_state", "own_lstm_reverse_initial_state", "own_lstm_bidirectional_initial_state",
        "own_gru_forward_initial_state", "own_gru_reverse_initial_state", "own_gru_bidirectional_initial_state",
        "own_rnn_forward_initial_state", "own_rnn_reverse_initial_state", "own_rnn_bidirectional_initial_state",
        "own_lstm_sequence_lens", "own_gru_in_loop",
    ]

    @Test func everyFixtureIsListed() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: ONNXImportTests.path("operator_cases"))
            .filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }
        let layouts = try FileManager.default.contentsOfDirectory(atPath: ONNXImportTests.path("operator_cases/onnx_layout"))
        #expect(Set(layouts) == Set(Self.cases.filter { $0.hasPrefix("test_") }))
        #expect(Set(onDisk) == Set(Self.cases))
    }

    @Test(arguments: cases)
    func matchesExpectedOutputs(name: String) throws {
        let imported = try ModelImporter.importModel(path: Self.path("\(name).onnx"))
        if name == "own_gru_in_loop" { #expect(imported.module.prefix == "Loop_0/body/inner_gru") }
        let network = imported.network
        let expected = try SafeTensors(path: Self.path("\(name).expected.safetensors"))
        let x = try expected.tensor(named: "x")
        let (steps, batch, width) = (x.shape[0], x.shape[1], x.shape[2])
        let xs = try x.floats()
        let lengths = expected.names.contains("sequence_lens")
            ? try expected.tensor(named: "sequence_lens").floats().map { Int($0) }
            : Array(repeating: steps, count: batch)
        func load(_ key: String) throws -> (values: [Float], shape: [Int])? {
            guard expected.names.contains(key) else { return nil }
            let tensor = try expected.tensor(named: key)
            return (try tensor.floats(), tensor.shape)
        }
        let y = try load("y"), yh = try load("y_h"), yc = try load("y_c")
        let directions = network.layers[0].count
        let hidden = network.hiddenSize
        var compared = 0
        for b in 0..<batch {
            let length = lengths[b]
            var input = Matrix(rows: length, columns: width)
            for t in 0..<length { for k in 0..<width { input[t, k] = xs[(t * batch + b) * width + k] } }
            let trace = try network.run(input)
            #expect(trace.layers.count == directions)
            for (d, layer) in trace.layers.enumerated() {
                #expect(layer.isReverse == (d == 1 || network.readsBackward))
                let last = layer.isReverse ? 0 : length - 1
                func check(_ want: (values: [Float], shape: [Int])?, series: Matrix?, rows: [Int], what: String) {
                    guard let want, let series else { return }
                    for t in rows {
                        for u in 0..<hidden {
                            let index = want.shape.count == 4
                                ? ((t * directions + d) * batch + b) * hidden + u
                                : (d * batch + b) * hidden + u
                            let got = series[want.shape.count == 4 ? t : last, u]
                            #expect(abs(got - want.values[index]) <= 1e-5, "\(name) \(what) batch \(b) dir \(d) step \(t) unit \(u): \(got) vs \(want.values[index])")
                            compared += 1
                        }
                    }
                }
                check(y, series: layer.hidden, rows: Array(0..<length), what: "Y")
                check(yh, series: layer.hidden, rows: [0], what: "Y_h")
                check(yc, series: layer.series[SeriesName.cell], rows: [0], what: "Y_c")
            }
        }
        #expect(compared > 0)
    }

    /// A TensorProto file's values and dims.
    static func tensorFile(_ path: String) throws -> (values: [Float], shape: [Int]) {
        let tensor = try ONNXTensor(reader: ProtobufReader(bytes: try FileBytes.read(path: path), source: path))
        return (try tensor.floats(source: path), tensor.dims)
    }

    /// The 18 ONNX cases in ONNX's own test-data layout: W, R, … are graph inputs whose values sit in
    /// test_data_set_0/input_J.pb; the expected outputs in output_J.pb.
    @Test(arguments: cases.filter { $0.hasPrefix("test_") })
    func onnxTestDataLayoutMatches(name: String) throws {
        let directory = Self.path("onnx_layout/\(name)")
        let imported = try ModelImporter.importModel(path: directory + "/model.onnx")
        #expect(imported.notes.contains { $0.contains("test_data_set_0/") }, "\(imported.notes)")
        let model = try ONNXModel(bytes: try FileBytes.read(path: directory + "/model.onnx"), source: name)
        let node = try #require(model.graph.nodes.first)
        let batchFirst = node.attribute("layout")?.int == 1
        let network = imported.network
        let x = try Self.tensorFile(directory + "/test_data_set_0/input_0.pb")
        let (steps, batch, width) = batchFirst ? (x.shape[1], x.shape[0], x.shape[2]) : (x.shape[0], x.shape[1], x.shape[2])
        let directions = network.layers[0].count, hidden = network.hiddenSize
        var compared = 0
        for b in 0..<batch {
            var input = Matrix(rows: steps, columns: width)
            for t in 0..<steps {
                for k in 0..<width { input[t, k] = x.values[(batchFirst ? b * steps + t : t * batch + b) * width + k] }
            }
            let trace = try network.run(input)
            for (j, output) in model.graph.outputs.enumerated() {
                let want = try Self.tensorFile(directory + "/test_data_set_0/output_\(j).pb")
                let position = try #require(node.outputs.firstIndex(of: output))
                for (d, layer) in trace.layers.enumerated() {
                    let series = position == 2 ? layer.series[SeriesName.cell]! : layer.hidden
                    let rows = position == 0 ? Array(0..<steps) : [layer.isReverse ? 0 : steps - 1]
                    for t in rows {
                        for u in 0..<hidden {
                            let index: Int
                            if position == 0 {
                                index = batchFirst ? ((b * steps + t) * directions + d) * hidden + u : ((t * directions + d) * batch + b) * hidden + u
                            } else {
                                index = batchFirst ? (b * directions + d) * hidden + u : (d * batch + b) * hidden + u
                            }
                            #expect(abs(series[t, u] - want.values[index]) <= 1e-5, "\(name) output \(j) batch \(b) dir \(d) t \(t) unit \(u)")
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 0)
    }

    @Test func reverseAndInitialStatesAreRead() throws {
        let reverse = try ModelImporter.load(path: Self.path("test_gru_reverse.onnx"))
        #expect(reverse.readsBackward)
        #expect(!reverse.isBidirectional)
        #expect(reverse.needsWholeSequence)
        let started = try ModelImporter.load(path: Self.path("own_lstm_forward_initial_state.onnx"))
        #expect(started.initialStates?[0][0].hidden.contains { $0 != 0 } == true)
        #expect(started.initialStates?[0][0].cell.contains { $0 != 0 } == true)
        let zero = try ModelImporter.load(path: Self.path("test_lstm_with_peepholes.onnx"))
        #expect(zero.initialStates == nil)
    }
}
