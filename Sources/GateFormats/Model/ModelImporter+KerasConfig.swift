import GateCore

extension ModelImporter {
    /// The file's Keras stacks: ordered by its model configuration when it carries one, else by names and shapes.
    static func kerasStacks(in weights: WeightFile) -> [[KerasUnit]] {
        let units = kerasUnits(in: weights)
        return weights.kerasConfig.map { kerasStacks(units, config: $0, in: weights) } ?? kerasStacks(units)
    }

    /// Keras stacks as the model configuration orders them: consecutive recurrent layers of one kind
    /// whose sizes chain (weightless layers such as Dropout between them are skipped); layers the
    /// configuration does not name are grouped by ``kerasStacks(_:)``.
    static func kerasStacks(_ units: [KerasUnit], config: KerasModelConfig, in weights: WeightFile) -> [[KerasUnit]] {
        var remaining = units
        var groups: [[KerasUnit]] = []
        var current: [KerasUnit] = []
        func flush() {
            if !current.isEmpty { groups.append(current) }
            current = []
        }
        let keras3 = weights.usesKeras3Names
        for layer in config.layers {
            if KerasLayerConfig.transparentClasses.contains(layer.className) { continue }
            guard layer.isRecurrent, let index = remaining.firstIndex(where: { $0.layerName == layer.weightsName(keras3: keras3) }) else {
                flush()
                continue
            }
            var unit = remaining.remove(at: index)
            unit.config = layer
            if let last = current.last, last.gates == unit.gates, last.outputWidth == unit.inputSize,
               last.tensorPrefixes.count == unit.tensorPrefixes.count {
                current.append(unit)
            } else {
                flush()
                current = [unit]
            }
        }
        flush()
        return groups + kerasStacks(remaining)
    }

    /// The weight prefixes of the Embedding right before `stack` and the Dense right after it in the
    /// model configuration (weightless layers skipped), or "none" when another kind of layer is there;
    /// nil (found by shape and name) when the configuration does not name the stack's layers.
    static func kerasNeighbours(of stack: [KerasUnit], config: KerasModelConfig, in weights: WeightFile)
        -> (embedding: String, head: String)? {
        let keras3 = weights.usesKeras3Names
        let layers = config.layers.filter { !KerasLayerConfig.transparentClasses.contains($0.className) }
        guard let first = layers.firstIndex(where: { $0.weightsName(keras3: keras3) == stack.first?.layerName }),
              let last = layers.firstIndex(where: { $0.weightsName(keras3: keras3) == stack.last?.layerName }) else { return nil }
        // A layer's weights sit under its name: `dense.kernel`, `time_distributed.layer.kernel` (Keras 3),
        // `model.dense.kernel`; a TimeDistributed Dense counts as a Dense.
        func prefix(of layer: KerasLayerConfig?, className: String, tensor: String) -> String {
            guard let layer, layer.className == className
                    || (layer.className == "TimeDistributed" && layer.wrapped.first?.className == className) else { return "none" }
            let wanted = layer.weightsName(keras3: keras3)
            return weights.names.first { name in
                let (owner, last) = WeightFile.split(name)
                return last == tensor && owner.split(separator: ".").contains { $0 == wanted }
            }.map { WeightFile.split($0).prefix } ?? "none"
        }
        return (prefix(of: first > 0 ? layers[first - 1] : nil, className: "Embedding", tensor: "embeddings"),
                prefix(of: last + 1 < layers.count ? layers[last + 1] : nil, className: "Dense", tensor: "kernel"))
    }
}
