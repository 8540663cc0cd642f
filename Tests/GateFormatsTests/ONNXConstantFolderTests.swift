import Testing
import GateCore
@testable import GateFormats

/// The constant folder against onnxruntime on models applying every folded operator to constants
/// (fixtures from scripts/make_onnx_folding_cases.py: opset 11 attribute forms, opset 17 input forms).
@Suite struct ONNXConstantFolderTests {
    @Test(arguments: ["folding11", "folding17"])
    func foldsLikeOnnxruntime(name: String) throws {
        let path = ONNXImportTests.path("folding/\(name).onnx")
        let model = try ONNXModel(bytes: try FileBytes.read(path: path), source: path)
        var folder = try ONNXImporter.folder(for: model, source: path)
        let scope = ONNXScope(graph: model.graph)
        let expected = try SafeTensors(path: ONNXImportTests.path("folding/\(name).expected.safetensors"))
        #expect(Set(expected.names) == Set(model.graph.outputs))
        for output in model.graph.outputs {
            let value = try #require(try folder.value(of: output, in: scope), "\(output) not folded")
            let want = try expected.tensor(named: output)
            #expect(value.dims == want.shape, "\(name) \(output): dims \(value.dims) vs \(want.shape)")
            #expect(value.floats == (try want.floats()), "\(name) \(output)")
        }
    }

    /// A model from parts: `nodes`, initializers, graph inputs.
    static func model(_ nodes: [ONNXNode], initializers: [ONNXTensor] = [], inputs: [String] = []) -> ONNXGraph {
        var graph = try! ONNXGraph(reader: ProtobufReader(bytes: [], source: nil))
        graph.nodes = nodes
        graph.initializers = initializers
        graph.inputs = inputs
        return graph
    }

    @Test func runTimeValuesAndErrorsNameTheNode() throws {
        var tensor = try ONNXTensor(reader: ProtobufReader(bytes: [], source: nil))
        tensor.name = "w"
        tensor.dims = [2, 3]
        tensor.dataType = 1
        tensor.floatData = [1, 2, 3, 4, 5, 6]
        var index = try ONNXTensor(reader: ProtobufReader(bytes: [], source: nil))
        index.name = "i"
        index.dims = [1]
        index.dataType = 7
        index.int64Data = [7]
        var gather = try ONNXNode(reader: ProtobufReader(bytes: [], source: nil))
        gather.name = "pick"
        gather.opType = "Gather"
        gather.inputs = ["w", "i"]
        gather.outputs = ["g"]
        var relu = gather
        relu.name = "act"
        relu.opType = "Relu"
        relu.inputs = ["x"]
        relu.outputs = ["r"]
        let graph = Self.model([gather, relu], initializers: [tensor, index], inputs: ["x"])
        var folder = ONNXConstantFolder(external: ONNXExternalData(modelPath: nil), source: "m.onnx", opset: 17)
        let scope = ONNXScope(graph: graph)
        #expect(try folder.origin(of: "x", in: scope) == .graphInput)
        #expect(try folder.origin(of: "r", in: scope) == .computed(operator: "Relu", node: "act"))
        #expect(try folder.origin(of: "nowhere", in: scope) == .undefined)
        #expect {
            try folder.value(of: "g", in: scope)
        } throws: { error in
            "\(error)" == "m.onnx: Gather node 'pick': index 7 is outside axis 0 of length 2"
        }
    }
}
