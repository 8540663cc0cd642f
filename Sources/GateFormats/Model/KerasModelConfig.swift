/// The layers of a Keras model, in order, from its configuration JSON: a Keras 3 `.keras` archive's
/// `config.json` or a Keras 2 `.h5` file's `model_config` attribute (Sequential or Functional, nested
/// models flattened; storage names are numbered over the flattened list, so a nested model's layers
/// may be misnamed — the importer then falls back to shapes).
struct KerasModelConfig: Sendable, Equatable {
    /// Every layer in the order the model lists them, nested models' layers in place of the model.
    var layers: [KerasLayerConfig]

    /// The metadata key under which a converted Keras file carries its configuration JSON.
    static let metadataKey = "keras_config"

    /// Parses configuration JSON; `source` names the file in errors.
    init(json: [UInt8], source: String) throws {
        guard case .success(let root) = StrictJSONParser.parse(json) else {
            throw FormatError("its Keras model configuration is not valid JSON; save the model again with model.save(\"m.keras\")", source: source)
        }
        var layers: [KerasLayerConfig] = []
        KerasModelConfig.collect(root, into: &layers, depth: 0)
        var used: [String: Int] = [:]
        for index in layers.indices {
            let base = KerasLayerConfig.snakeCase(layers[index].className)
            let count = used[base, default: -1] + 1
            used[base] = count
            layers[index].storageName = count == 0 ? base : "\(base)_\(count)"
        }
        self.layers = layers
    }

    /// The layer called `name`.
    func layer(named name: String) -> KerasLayerConfig? { layers.first { $0.name == name } }

    /// The member `key` of a JSON object.
    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Appends the layers of a serialised model or layer to `layers`.
    private static func collect(_ value: JSONValue, into layers: inout [KerasLayerConfig], depth: Int) {
        guard depth < 16, case .string(let className)? = member(value, "class_name") else { return }
        let config = member(value, "config") ?? .object([])
        if case .array(let children)? = member(config, "layers") {
            for child in children { collect(child, into: &layers, depth: depth + 1) }
            return
        }
        if let layer = parseLayer(className: className, config: config, depth: depth) { layers.append(layer) }
    }

    /// One layer's fields.
    private static func parseLayer(className: String, config: JSONValue, depth: Int) -> KerasLayerConfig? {
        guard case .string(let name)? = member(config, "name") else { return nil }
        var layer = KerasLayerConfig(className: className, name: name)
        layer.units = member(config, "units")?.nonNegativeInt
        layer.activation = member(config, "activation").flatMap(activationName)
        layer.recurrentActivation = member(config, "recurrent_activation").flatMap(activationName)
        if case .number(let text)? = member(config, "axis") { layer.axis = Int(text) }
        layer.resetAfter = member(config, "reset_after").flatMap(bool)
        layer.returnSequences = member(config, "return_sequences").flatMap(bool)
        layer.goBackwards = member(config, "go_backwards").flatMap(bool)
        if className == "Bidirectional" || className == "TimeDistributed" {
            if let inner = member(config, "layer"), case .string(let innerClass)? = member(inner, "class_name"),
               let wrapped = parseLayer(className: innerClass, config: member(inner, "config") ?? .object([]), depth: depth + 1) {
                layer.wrapped = [wrapped]
            }
        }
        if className == "Bidirectional" {
            if case .string(let mode)? = member(config, "merge_mode") { layer.mergeMode = mode }
            else if member(config, "merge_mode") == nil { layer.mergeMode = "concat" }
        }
        return layer
    }

    /// An activation given as a name (`"tanh"`) or as a serialised function (`{"config": "tanh", …}`).
    private static func activationName(_ value: JSONValue) -> String? {
        switch value {
        case .string(let name): return name
        case .object: return member(value, "config").flatMap { if case .string(let name) = $0 { return name } else { return nil } }
        default: return nil
        }
    }

    /// A JSON boolean.
    private static func bool(_ value: JSONValue) -> Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }
}
