import GateCore

/// Lines for `gatescope inspect` about a ConvLSTM file, so the command needs one branch:
/// `if ConvLSTMImporter.isConvLSTM(file) { ConvLSTMDescription.lines(file: file, source: path).forEach { print($0) } }`.
public enum ConvLSTMDescription {
    /// "ConvLSTM …" summary, layout, layers, head and every tensor with its shape. Keras files without
    /// a frame size still describe their layers (the frame size line says it is unknown).
    public static func lines(file: SafeTensors, source: String) -> [String] {
        let own = file.names.contains(ConvLSTMExporter.tensorName("input_kernel", layer: 0))
        var lines = ["\(source): ConvLSTM, \(own ? "gatescope layout" : "Keras ConvLSTM2D layout"), \(file.names.count) tensors"]
        do {
            let network = try ConvLSTMImporter.load(from: file, source: source)
            lines.append("network:     \(network.summary)")
            for (k, layer) in network.layers.enumerated() {
                lines.append("layer \(k + 1):     \(layer.inputChannels)→\(layer.hiddenChannels) channels, kernel \(layer.kernelHeight)×\(layer.kernelWidth), padding same, \(layer.peepholes == nil ? "no peepholes" : "peepholes")")
            }
        } catch let error as FormatError {
            lines.append("network:     not loaded: \(error.message)")
        } catch {
            lines.append("network:     not loaded: \(error)")
        }
        lines.append("tensors:")
        for entry in file.header.entries {
            lines.append("  \(entry.dtype.rawValue) [\(entry.shape.map(String.init).joined(separator: ", "))] \(entry.name)")
        }
        let metadata = file.metadata
        if !metadata.isEmpty {
            lines.append("metadata:")
            for key in metadata.keys.sorted() { lines.append("  \(key): \(metadata[key]!)") }
        }
        return lines
    }
}
