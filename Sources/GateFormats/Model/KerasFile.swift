/// Keras model files turned into safetensors in memory, so the importer reads them like any other:
/// Keras 3 `.weights.h5` (`layers/lstm/cell/vars/0`), Keras 2 `.h5` (`model_weights/lstm/lstm/lstm_cell/
/// kernel:0`, or without `model_weights` from `save_weights`) and Keras 3 `.keras` archives (a zip of
/// `config.json` and `model.weights.h5`).
///
/// The model configuration (`config.json`, or a Keras 2 file's `model_config` attribute) travels in the
/// metadata under ``KerasModelConfig/metadataKey``; optimizer state is dropped.
enum KerasFile {
    /// The weights of a Keras 3 `.keras` archive, with its `config.json`.
    static func safeTensors(archive: ZipArchive, source: String) throws -> SafeTensors {
        guard archive.entry(named: weightsMember) != nil else {
            throw FormatError("is a Keras archive without '\(weightsMember)' (saved unzipped or sharded?); save the model with model.save(\"m.keras\")", source: source)
        }
        let config = try archive.entry(named: configMember).map { entry -> String in
            guard let text = String(validating: try archive.data(of: entry), as: UTF8.self) else {
                throw FormatError("its '\(configMember)' is not UTF-8 text; the archive is corrupt: save the model again", source: source)
            }
            return text
        }
        return try fromHDF5(try archive.data(named: weightsMember), config: config, source: source)
    }

    /// The weights member of a `.keras` archive.
    static let weightsMember = "model.weights.h5"
    /// The configuration member of a `.keras` archive.
    static let configMember = "config.json"

    /// The weights of an HDF5 image, with `config` (the archive's `config.json`) or the file's own
    /// `model_config` as metadata.
    static func fromHDF5(_ bytes: [UInt8], config: String?, source: String) throws -> SafeTensors {
        let file = try HDF5File(bytes: bytes, source: source, attributeNames: ["model_config"],
                                skipping: ["optimizer", "optimizer_weights"])
        let isKeras3 = file.datasets.contains { $0.name.hasPrefix("layers/") }
        var metadata: [String: String] = [:]
        if let config = config ?? file.attributes["model_config"] ?? heapModelConfig(file.heapObjects) {
            _ = try KerasModelConfig(json: Array(config.utf8), source: source)
            metadata[KerasModelConfig.metadataKey] = config
        }
        var writer = SafeTensorsWriter(metadata: metadata)
        for dataset in file.datasets {
            guard let name = isKeras3 ? keras3Name(dataset.name) : keras2Name(dataset.name) else { continue }
            do {
                try writer.add(name: name, shape: dataset.shape, floats: dataset.values)
            } catch let error as FormatError {
                throw FormatError("\(error.message) (HDF5 dataset \(TextSequence.quote("/" + dataset.name)))", source: source)
            }
        }
        guard !writer.tensors.isEmpty else {
            throw FormatError("is an HDF5 file without Keras layer weights (no float datasets under /layers or /model_weights); save the model with model.save(\"m.keras\") or model.save_weights(\"m.weights.h5\")", source: source)
        }
        return try SafeTensors(bytes: writer.serialize(), source: source)
    }

    /// A Keras 2 `model_config` written as a variable-length string: the global heap object that is a
    /// JSON object whose first key is `class_name` (`training_config` starts with `loss`).
    static func heapModelConfig(_ objects: [[UInt8]]) -> String? {
        let start = Array("{\"class_name\"".utf8)
        return objects.first { $0.starts(with: start) }.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// A Keras 3 dataset's name as kept (`layers/lstm/cell/vars/0`), or nil for optimizer state.
    static func keras3Name(_ path: String) -> String? {
        path.hasPrefix("layers/") ? path : nil
    }

    /// A Keras 2 dataset's weight name, or nil for optimizer state. Each layer's group holds its weights
    /// under their own names: `model_weights/lstm/lstm/lstm_cell/kernel:0` (tf.keras) → `lstm/lstm_cell/
    /// kernel:0`; Keras 3's legacy writer adds the model's name (`model_weights/lstm/sequential/lstm/
    /// lstm_cell/kernel`), which is dropped too. Files from `save_weights` have no `model_weights` group.
    static func keras2Name(_ path: String) -> String? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.first == "optimizer_weights" { return nil }
        if parts.first == "model_weights" { parts.removeFirst() }
        guard parts.count >= 2 else { return parts.first }
        let group = parts.removeFirst()
        if parts.count >= 3, parts[0] != group, parts[1] == group { parts.removeFirst() }
        return parts.joined(separator: "/")
    }
}
