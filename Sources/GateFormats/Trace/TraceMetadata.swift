import GateCore

/// The `__metadata__` of a trace file, decoded. All values are stored as strings.
public struct TraceMetadata: Sendable, Equatable {
    /// `format_version` as written (`"1"`).
    public var formatVersion: String
    /// The cell kind (`cell`).
    public var cell: CellKind
    /// `input_size`: features per step fed to layer 0.
    public var inputSize: Int
    /// `hidden_size`: hidden units per layer and direction.
    public var hiddenSize: Int
    /// `layers`.
    public var layers: Int
    /// `directions`: 1, or 2 when bidirectional.
    public var directions: Int
    /// `proj_size`: LSTM projection size, 0 when none.
    public var projectionSize: Int
    /// `steps`: T.
    public var steps: Int
    /// `model`: the model file the trace was recorded from.
    public var model: String?
    /// `input`: where the input came from (a file path, `text:…`).
    public var input: String?
    /// `vocab`: the model's tokens.
    public var vocabulary: [String]?
    /// `network`: a JSON description of the network (kind, sizes, head, embedding, summary).
    public var network: String?
    /// `gatescope_version`: the gatescope that recorded the trace (nil in files from before it was written).
    public var gatescopeVersion: String?
    /// Every other key, kept as is.
    public var extra: [String: String]

    /// Metadata describing a run of `network` over `steps` steps.
    public init(network: RecurrentNetwork, steps: Int, model: String? = nil, input: String? = nil,
                extra: [String: String] = [:]) {
        self.formatVersion = TraceFile.formatVersion
        self.cell = network.kind
        self.inputSize = network.inputSize
        self.hiddenSize = network.hiddenSize
        self.layers = network.layers.count
        self.directions = network.isBidirectional ? 2 : 1
        if case .lstm(let w)? = network.layers.first?.first { projectionSize = w.projection?.rows ?? 0 } else { projectionSize = 0 }
        self.steps = steps
        self.model = model
        self.input = input
        self.vocabulary = network.vocabulary
        self.network = TraceMetadata.describe(network)
        self.gatescopeVersion = GatescopeVersion.current
        self.extra = extra
    }

    /// Metadata from its parts.
    public init(formatVersion: String = TraceFile.formatVersion, cell: CellKind, inputSize: Int, hiddenSize: Int,
                layers: Int, directions: Int, projectionSize: Int, steps: Int, model: String? = nil,
                input: String? = nil, vocabulary: [String]? = nil, network: String? = nil,
                gatescopeVersion: String? = GatescopeVersion.current, extra: [String: String] = [:]) {
        self.formatVersion = formatVersion
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.directions = directions
        self.projectionSize = projectionSize
        self.steps = steps
        self.model = model
        self.input = input
        self.vocabulary = vocabulary
        self.network = network
        self.gatescopeVersion = gatescopeVersion
        self.extra = extra
    }

    /// The string map stored in the file.
    public var encoded: [String: String] {
        var map = extra
        map["format"] = TraceFile.formatName
        map["format_version"] = formatVersion
        map["cell"] = cell.rawValue
        map["input_size"] = String(inputSize)
        map["hidden_size"] = String(hiddenSize)
        map["layers"] = String(layers)
        map["directions"] = String(directions)
        map["proj_size"] = String(projectionSize)
        map["steps"] = String(steps)
        if let model { map["model"] = model }
        if let input { map["input"] = input }
        if let vocabulary { map["vocab"] = TraceMetadata.jsonArray(vocabulary) }
        if let network { map["network"] = network }
        if let gatescopeVersion { map[GatescopeVersion.metadataKey] = gatescopeVersion }
        return map
    }

    /// Keys this type decodes itself (everything else lands in `extra`).
    static let knownKeys: Set<String> = ["format", "format_version", "cell", "input_size", "hidden_size", "layers",
                                         "directions", "proj_size", "steps", "model", "input", "vocab", "network",
                                         GatescopeVersion.metadataKey]

    /// The activation the recorded head applied (`head_activation` in `network`): `.linear` when the
    /// trace names none (every trace from before it was written, whose heads were all linear), nil when it
    /// names one this gatescope does not know.
    public var headActivation: HeadActivation? {
        guard let network, case .success(let root) = StrictJSONParser.parse(Array(network.utf8)),
              case .object(let members) = root else { return .linear }
        guard let value = members.first(where: { $0.key == "head_activation" })?.value else { return .linear }
        guard case .string(let name) = value else { return nil }
        return HeadActivation(name: name)
    }

    /// `["a","b"]` with JSON escaping.
    static func jsonArray(_ items: [String]) -> String {
        var json: [UInt8] = [0x5B]
        for (index, item) in items.enumerated() {
            if index > 0 { json.append(0x2C) }
            JSONValue.appendQuoted(item, to: &json)
        }
        json.append(0x5D)
        return String(decoding: json, as: UTF8.self)
    }

    /// A JSON object describing the network.
    static func describe(_ network: RecurrentNetwork) -> String {
        var fields: [String] = []
        func add(_ key: String, _ value: String) {
            var json: [UInt8] = []
            JSONValue.appendQuoted(key, to: &json)
            fields.append(String(decoding: json, as: UTF8.self) + ":" + value)
        }
        func quoted(_ text: String) -> String {
            var json: [UInt8] = []
            JSONValue.appendQuoted(text, to: &json)
            return String(decoding: json, as: UTF8.self)
        }
        add("cell", quoted(network.kind.rawValue))
        add("input_size", String(network.inputSize))
        add("hidden_size", String(network.hiddenSize))
        add("layers", String(network.layers.count))
        add("directions", String(network.isBidirectional ? 2 : 1))
        add("output_width", String(network.outputWidth))
        if let head = network.head {
            add("head", "[\(head.outputSize),\(head.inputSize)]")
            // Traces from before it was written have no key: their heads were all linear.
            if head.activation != .linear { add("head_activation", quoted(head.activation.rawValue)) }
        }
        if let embedding = network.embedding { add("embedding", "[\(embedding.rows),\(embedding.columns)]") }
        add("summary", quoted(network.summary))
        return "{" + fields.joined(separator: ",") + "}"
    }
}
