// libFuzzer target: the ONNX constant folder. Any decoded model's values — every node output of the
// graph and of its subgraphs — must fold to a well-formed constant, be reported as a run-time value,
// or throw FormatError: no traps, no hangs, bounded memory.

/// Folds every node output of `scope`'s graph and its subgraphs.
func foldAll(_ scope: ONNXScope, folder: inout ONNXConstantFolder) {
    for (index, node) in scope.graph.nodes.enumerated() {
        for output in node.outputs where !output.isEmpty {
            guard let value = try? folder.value(of: output, in: scope) else { continue }
            var count = 1
            for dim in value.dims {
                precondition(dim >= 0, "a folded value has a negative dimension")
                count *= dim
            }
            precondition(count == value.count, "folded value '\(output)' has dims \(value.dims) but \(value.count) elements")
        }
        let label = ONNXConstantFolder.label(node, index: index, path: scope.path)
        for attribute in node.attributes {
            for graph in attribute.graphs { foldAll(scope.entering(graph, path: label + "/" + attribute.name), folder: &folder) }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNXFolding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let model = try? ONNXModel(bytes: bytes, source: "fuzz.onnx") else { return 0 }
    // No model path: external data is never read from the fuzzer's directory.
    var folder = ONNXConstantFolder(external: ONNXExternalData(modelPath: nil), source: "fuzz.onnx", opset: model.opsetVersion)
    foldAll(ONNXScope(graph: model.graph), folder: &folder)
    return 0
}
