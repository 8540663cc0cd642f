/// Computes the constant values an ONNX graph derives from its initializers and `Constant` nodes
/// through the shape operators exporters put around recurrent weights: Identity, Cast, Reshape,
/// Unsqueeze, Squeeze, Concat, Slice, Split, Transpose and Gather (axes as attributes or as inputs,
/// for every opset). Values computed by anything else, or from graph inputs, are run-time values.
///
/// Sizes are bounded (``largestCount`` elements per value, ``deepestChain`` nested folds), and every
/// error is a ``FormatError`` naming the node.
public struct ONNXConstantFolder: Sendable {
    /// The most elements a folded value may hold (2^26: a 4096-unit LSTM's R is 2^26 too).
    public static let largestCount = 1 << 26
    /// The most elements all values folded for one model may hold together (2^27, 512 MB of floats).
    public static let totalBudget = 1 << 27
    /// The longest chain of folded operators followed from one value.
    public static let deepestChain = 256
    /// The operators folded.
    public static let foldedOperators: Set<String> = [
        "Constant", "Identity", "Cast", "Reshape", "Unsqueeze", "Squeeze", "Concat", "Slice", "Split",
        "Transpose", "Gather",
    ]

    /// Where a value comes from.
    public enum Origin: Sendable, Equatable {
        /// A constant (an initializer, a Constant node, or folded from them).
        case constant(ONNXValue)
        /// A graph input, given at run time.
        case graphInput
        /// Computed at run time by the node named.
        case computed(operator: String, node: String)
        /// Not defined anywhere in scope.
        case undefined
    }

    /// External data next to the model.
    public let external: ONNXExternalData
    /// The model file, for error messages.
    public let source: String?
    /// The opset version of the default domain (decides attribute-or-input forms).
    public let opset: Int64
    /// Values for the main graph's inputs (ONNX's test-data layout), used as constants.
    public var inputValues: [String: ONNXTensor] = [:]
    /// Main-graph inputs whose values came from ``inputValues``, in the order first used.
    public private(set) var inputsUsed: [String] = []
    /// Values already computed, by scope path and name.
    private var memo: [String: Origin] = [:]
    /// Current nesting of folds.
    private var depth = 0
    /// Elements of every value decoded or folded so far.
    private var spent = 0

    /// A folder for a model read from `source` (its external data beside it).
    public init(external: ONNXExternalData, source: String?, opset: Int64?) {
        self.external = external
        self.source = source
        self.opset = opset ?? 13
    }

    /// The constant value of `name`, or nil when it is computed at run time or a graph input.
    public mutating func value(of name: String, in scope: ONNXScope) throws -> ONNXValue? {
        if case .constant(let value) = try origin(of: name, in: scope) { return value }
        return nil
    }

    /// Where `name` comes from, seen from `scope`, folding constants on the way.
    public mutating func origin(of name: String, in scope: ONNXScope) throws -> Origin {
        for levelIndex in scope.levels.indices.reversed() {
            let level = scope.levels[levelIndex]
            let key = level.path + "\u{0}" + name
            if let known = memo[key] { return known }
            let result: Origin
            if let index = level.initializers[name] {
                result = .constant(try Self.decode(level.graph.initializers[index], external: external, source: source))
            } else if let (nodeIndex, output) = level.producers[name] {
                let node = level.graph.nodes[nodeIndex]
                let label = Self.label(node, index: nodeIndex, path: level.path)
                if Self.foldedOperators.contains(node.opType), node.domain.isEmpty || node.domain == "ai.onnx" {
                    depth += 1
                    defer { depth -= 1 }
                    guard depth <= Self.deepestChain else {
                        throw FormatError("\(node.opType) node '\(label)' ends a chain of more than \(Self.deepestChain) shape operators; the file is corrupt or unusual", source: source)
                    }
                    if let value = try fold(node, label: label, output: output, scope: scope.prefix(levelIndex + 1)) {
                        result = .constant(value)
                    } else {
                        result = .computed(operator: node.opType, node: label)
                    }
                } else {
                    result = .computed(operator: node.opType, node: label)
                }
            } else if level.inputs.contains(name) {
                if levelIndex == 0, let tensor = inputValues[name] {
                    result = .constant(try Self.decode(tensor, external: external, source: source))
                    inputsUsed.append(name)
                } else {
                    result = .graphInput
                }
            } else {
                continue
            }
            if case .constant(let value) = result {
                spent += value.count
                guard spent <= Self.totalBudget else {
                    throw FormatError("needs more than \(Self.totalBudget) elements of constants to resolve '\(Escaped.text(name))'; the file is corrupt or the model far too large", source: source)
                }
            }
            memo[key] = result
            return result
        }
        return .undefined
    }

    /// Whether `name` is made at run time only to be zeros: `Expand` of a constant all-zero tensor or
    /// `ConstantOfShape` with a zero (or absent) value, as PyTorch's exporter builds a default h0 of
    /// the batch's size.
    public mutating func isZeroFill(_ name: String, in scope: ONNXScope) throws -> Bool {
        for levelIndex in scope.levels.indices.reversed() {
            let level = scope.levels[levelIndex]
            guard let (nodeIndex, _) = level.producers[name] else { continue }
            let node = level.graph.nodes[nodeIndex]
            switch node.opType {
            case "Expand":
                guard let input = node.input(0), let value = try value(of: input, in: scope.prefix(levelIndex + 1)) else { return false }
                return value.floats.allSatisfy { $0 == 0 }
            case "ConstantOfShape":
                guard let tensor = node.attribute("value")?.tensor else { return true }
                return try Self.decode(tensor, external: external, source: source).floats.allSatisfy { $0 == 0 }
            default:
                return false
            }
        }
        return false
    }

    /// A node's display name: its name, or `OpType_index` when unnamed, under its graph's path.
    public static func label(_ node: ONNXNode, index: Int, path: String) -> String {
        let own = node.name.isEmpty ? "\(node.opType)_\(index)" : Escaped.text(node.name)
        return path.isEmpty ? own : path + "/" + own
    }

    /// A tensor's elements as a value.
    static func decode(_ tensor: ONNXTensor, external: ONNXExternalData, source: String?) throws -> ONNXValue {
        guard ONNXValue.elementCount(tensor.dims, limit: largestCount) != nil else {
            throw FormatError("tensor '\(Escaped.text(tensor.name))' has dims \(tensor.dims), beyond \(largestCount) elements; the file is corrupt or the model far too large", source: source)
        }
        if let integers = try tensor.integers(source: source, external: external) {
            return ONNXValue(dims: tensor.dims, elements: .integers(integers))
        }
        return ONNXValue(dims: tensor.dims, elements: .floats(try tensor.floats(source: source, external: external)))
    }
}
