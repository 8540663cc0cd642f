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

    /// A constant tensor.
    static func tensor(_ name: String, _ dims: [Int], floats: [Float] = [], ints: [Int64] = []) throws -> ONNXTensor {
        var tensor = try ONNXTensor(reader: ProtobufReader(bytes: [], source: nil))
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = ints.isEmpty && !floats.isEmpty ? 1 : 7
        tensor.floatData = floats
        tensor.int64Data = ints
        return tensor
    }

    /// A node with integer attributes.
    static func node(_ op: String, _ inputs: [String], _ outputs: [String], ints: [String: Int64] = [:]) throws -> ONNXNode {
        var node = try ONNXNode(reader: ProtobufReader(bytes: [], source: nil))
        node.name = op.lowercased()
        node.opType = op
        node.inputs = inputs
        node.outputs = outputs
        for (name, value) in ints {
            var attribute = try ONNXAttribute(reader: ProtobufReader(bytes: [], source: nil))
            attribute.name = name
            attribute.int = value
            node.attributes.append(attribute)
        }
        return node
    }

    @Test func extremeStepsSizesAndSplitsNeitherTrapNorOverflow() throws {
        let graph = Self.model([
            try Self.node("Slice", ["v", "start", "end", "axis", "minstep"], ["reversed"]),
            try Self.node("Slice", ["v", "zero", "bigend", "axis", "maxstep"], ["first"]),
            try Self.node("Split", ["v"], ["a", "b"], ints: ["num_outputs": Int64.max]),
            try Self.node("Concat", ["empty", "empty"], ["joined"], ints: ["axis": 1]),
        ], initializers: [
            try Self.tensor("v", [4], floats: [10, 20, 30, 40]),
            try Self.tensor("start", [1], ints: [-1]), try Self.tensor("zero", [1], ints: [0]),
            try Self.tensor("end", [1], ints: [Int64.min]), try Self.tensor("bigend", [1], ints: [Int64.max]),
            try Self.tensor("axis", [1], ints: [0]),
            try Self.tensor("minstep", [1], ints: [Int64.min]), try Self.tensor("maxstep", [1], ints: [Int64.max]),
            try Self.tensor("empty", [0, 1 << 40]),
        ])
        var folder = ONNXConstantFolder(external: ONNXExternalData(modelPath: nil), source: "m.onnx", opset: 17)
        let scope = ONNXScope(graph: graph)
        // ONNX: start −1 → 3, end clamped to −1, one step of −2^63: only element 3.
        #expect(try folder.value(of: "reversed", in: scope)?.floats == [40])
        #expect(try folder.value(of: "first", in: scope)?.floats == [10])
        #expect(throws: FormatError.self) { try folder.value(of: "a", in: scope) }
        #expect(throws: FormatError.self) { try folder.value(of: "joined", in: scope) }
    }
}
