/// Where a name in an ONNX graph is looked up: the graph itself and, for a subgraph (an `If` branch,
/// a `Loop` or `Scan` body), the graphs around it, outermost first.
public struct ONNXScope: Sendable {
    /// One graph of the chain with its lookup tables.
    struct Level: Sendable {
        /// The graph.
        var graph: ONNXGraph
        /// Its path name: "" for the main graph, `If_0/then_branch` for a subgraph.
        var path: String
        /// Initializer positions by name.
        var initializers: [String: Int]
        /// The node (position) producing each value, and which of its outputs it is.
        var producers: [String: (node: Int, output: Int)]
        /// The graph's input names.
        var inputs: Set<String>
    }

    /// The chain, outermost first.
    var levels: [Level]

    /// The scope of a model's main graph.
    public init(graph: ONNXGraph) {
        levels = [Self.level(graph, path: "")]
    }

    /// The scope of `subgraph`, nested in this one under `path`.
    func entering(_ subgraph: ONNXGraph, path: String) -> ONNXScope {
        var copy = self
        copy.levels.append(Self.level(subgraph, path: path))
        return copy
    }

    /// The innermost graph.
    public var graph: ONNXGraph { levels[levels.count - 1].graph }
    /// The innermost graph's path ("" for the main graph).
    public var path: String { levels[levels.count - 1].path }

    /// This scope cut down to its first `count` levels (where an outer value is computed).
    func prefix(_ count: Int) -> ONNXScope {
        var copy = self
        copy.levels.removeLast(levels.count - count)
        return copy
    }

    /// A level with its lookup tables.
    private static func level(_ graph: ONNXGraph, path: String) -> Level {
        var initializers: [String: Int] = [:]
        for (index, tensor) in graph.initializers.enumerated() where initializers[tensor.name] == nil {
            initializers[tensor.name] = index
        }
        var producers: [String: (node: Int, output: Int)] = [:]
        for (index, node) in graph.nodes.enumerated() {
            for (position, output) in node.outputs.enumerated() where !output.isEmpty && producers[output] == nil {
                producers[output] = (index, position)
            }
        }
        return Level(graph: graph, path: path, initializers: initializers, producers: producers, inputs: Set(graph.inputs))
    }
}
