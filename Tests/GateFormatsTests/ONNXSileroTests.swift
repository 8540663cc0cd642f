import Testing
import GateCore
@testable import GateFormats

/// silero-vad's published ONNX models (from its PyPI wheel): LSTM nodes inside `If` branches, weights made
/// by Unsqueeze of initializers. Expected values: onnxruntime on the same file, the node's own X, Y, Y_h
/// and Y_c exposed by scripts/make_onnx_silero_fixture.py.
@Suite struct ONNXSileroTests {
    /// `Fixtures/onnx/silero/<name>`.
    static func path(_ name: String) -> String { ONNXImportTests.path("silero/\(name)") }

    @Test(arguments: ["silero_vad", "silero_vad_16k_op15"])
    func branchNodeMatchesOnnxruntime(name: String) throws {
        let expected = try SafeTensors(path: Self.path("\(name).expected.safetensors"))
        let node = try #require(expected.metadata["node"])
        var network = try ModelImporter.load(path: Self.path("\(name).onnx"), options: ModelImportOptions(prefix: node))
        let x = try expected.tensor(named: "x")
        let input = Matrix(rows: x.shape[0], columns: x.shape[2], values: try x.floats())
        // The state comes from the model's `state` input at run time (gatescope takes it as zero);
        // the fixture holds the values onnxruntime fed the node, so the recurrent weights count too.
        network.initialStates = [[RecurrentState(hidden: try expected.tensor(named: "initial_h").floats(),
                                                 cell: try expected.tensor(named: "initial_c").floats())]]
        try network.validate()
        let layer = try network.run(input).layers[0]
        let steps = input.rows
        let y = try expected.tensor(named: "y").floats()
        let yh = try expected.tensor(named: "y_h").floats()
        let yc = try expected.tensor(named: "y_c").floats()
        let cell = try #require(layer.series[SeriesName.cell])
        #expect(layer.hidden.maxAbsDifference(Matrix(rows: steps, columns: network.hiddenSize, values: y)) <= 1e-5)
        #expect(layer.hidden.row(steps - 1).maxAbsDifference(yh) <= 1e-5)
        #expect(cell.row(steps - 1).maxAbsDifference(yc) <= 1e-5)
    }

    @Test func opensInOneStepWithNotes() throws {
        let imported = try ModelImporter.importModel(path: Self.path("silero_vad.onnx"))
        #expect(imported.modules.count == 4)
        #expect(imported.network.summary == "LSTM 128→128")
        #expect(imported.notes.first?.hasPrefix("note: using If_0/else_branch/") == true)
        #expect(imported.notes.contains { $0.contains("takes initial_h") && $0.contains("gatescope takes it as zero") })
        let chosen = try ModelImporter.importModel(path: Self.path("silero_vad_16k_op15.onnx"),
                                                   options: ModelImportOptions(prefix: "/model/decoder/rnn_1/LSTM"))
        #expect(chosen.module.prefix == "/model/decoder/If_1/else_branch//model/decoder/rnn_1/LSTM")
    }
}

extension Array where Element == Float {
    /// The largest |a − b| over two equally long arrays (infinity when lengths differ).
    func maxAbsDifference(_ other: [Float]) -> Float {
        guard count == other.count else { return .infinity }
        return zip(self, other).map { abs($0 - $1) }.max() ?? 0
    }
}
