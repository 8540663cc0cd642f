import GateCore

extension ModelImporter {
    /// The metadata key naming the head's activation in gatescope's own model files (and honoured in any
    /// safetensors file): `softmax`, `sigmoid`, `tanh`, `relu`; absent or `linear` for logits.
    public static let headActivationKey = "head_activation"

    /// What the head at `prefix` applies after W h + b: the Keras configuration's Dense `activation`, or an
    /// `Activation`/`Softmax` layer right after a linear Dense; else the `head_activation` metadata; else
    /// none. Throws for an activation gatescope does not apply.
    static func headActivation(prefix: String, in weights: WeightFile, metadata: [String: String]) throws -> HeadActivation {
        if let config = weights.kerasConfig, let found = try kerasHeadActivation(prefix: prefix, config: config, in: weights) {
            return found
        }
        guard let name = metadata[headActivationKey] else { return .linear }
        guard let activation = HeadActivation(name: name) else {
            throw weights.error("metadata '\(headActivationKey)' is '\(Escaped.text(name))'; use \(HeadActivation.namesList)")
        }
        return activation
    }

    /// The activation of the Keras Dense whose weights sit under `prefix` (and of an `Activation` or
    /// `Softmax` layer right after it), or nil when the configuration does not name that layer.
    static func kerasHeadActivation(prefix: String, config: KerasModelConfig, in weights: WeightFile) throws -> HeadActivation? {
        let keras3 = weights.usesKeras3Names
        let layers = config.layers.filter { !KerasLayerConfig.transparentClasses.contains($0.className) }
        let components = prefix.split(separator: ".").map(String.init)
        func dense(_ layer: KerasLayerConfig) -> KerasLayerConfig? {
            if layer.className == "Dense" { return layer }
            if layer.className == "TimeDistributed", let inner = layer.wrapped.first, inner.className == "Dense" { return inner }
            return nil
        }
        guard let index = layers.lastIndex(where: { dense($0) != nil && components.contains($0.weightsName(keras3: keras3)) }),
              let head = dense(layers[index]) else { return nil }
        let name = TextSequence.quote(layers[index].name)
        func parse(_ text: String, of layer: String) throws -> HeadActivation {
            guard let activation = HeadActivation(name: text) else {
                throw weights.error("head layer \(layer) uses activation \(TextSequence.quote(text)); gatescope applies \(HeadActivation.namesList) after a head: load it with --head none to see the recurrent output alone, or use one of those")
            }
            return activation
        }
        let own = try parse(head.activation ?? "linear", of: name)
        // A weightless layer right after the Dense that applies a function to its output.
        guard index + 1 < layers.count else { return own }
        let next = layers[index + 1]
        let following: HeadActivation
        switch next.className {
        case "Activation":
            following = try parse(next.activation ?? "linear", of: TextSequence.quote(next.name))
        case "Softmax":
            guard next.axis == nil || next.axis == -1 else {
                throw weights.error("layer \(TextSequence.quote(next.name)) takes the softmax over axis \(next.axis ?? 0); gatescope applies a head's softmax over its outputs (axis=-1): load it with --head none to see the recurrent output alone")
            }
            following = .softmax
        default:
            return own
        }
        if own == .linear { return following }
        if following == .linear { return own }
        throw weights.error("head layer \(name) applies \(own.rawValue) and the next layer \(TextSequence.quote(next.name)) applies \(following.rawValue); gatescope applies one function after a head: load it with --head none to see the recurrent output alone")
    }
}
