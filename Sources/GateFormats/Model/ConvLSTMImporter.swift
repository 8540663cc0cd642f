import GateCore

/// Loads ConvLSTM models from safetensors: Keras `ConvLSTM2D` weights and files written by
/// ``ConvLSTMExporter``.
///
/// Keras (names after `/`→`.` and dropping `:0`): `conv_lst_m2d.kernel` [kh, kw, Cin, 4C],
/// `conv_lst_m2d.recurrent_kernel` [kh, kw, C, 4C], `conv_lst_m2d.bias` [4C], columns i, f, c, o;
/// stacked layers `conv_lst_m2d_1`, `conv_lst_m2d_2`, … bottom first. Each kernel becomes gatescope's
/// [4C, Cin, kh, kw] by ours[o, c, y, x] = keras[y, x, c, o]. An optional head: a `Conv2D` 1×1
/// (`*.kernel` [1, 1, C, O] + `*.bias`) becomes a pointwise head; a `Dense` after `Flatten`
/// (`*.kernel` [H·W·C, O], flattened channels-last) becomes a dense head with its rows reordered to
/// channel-first. Keras weights do not record the frame size: pass it, or put `height`/`width` in
/// the file's metadata. Keras feeds frames channels-last (T, H, W, C): see ``channelFirst(_:height:width:channels:)``.
public enum ConvLSTMImporter {
    /// True when the file holds ConvLSTM weights (gatescope's or Keras's 4-D recurrent kernels).
    public static func isConvLSTM(_ file: SafeTensors) -> Bool {
        if file.metadata["cell"] == ConvLSTMExporter.cellName { return true }
        return file.header.entries.contains { entry in
            let (_, last) = WeightFile.split(WeightFile.normalise(entry.name))
            return (last == "recurrent_kernel" && entry.shape.count == 4) || last.hasPrefix("recurrent_kernel_l")
        }
    }

    /// The network in the file at `path`; `height`/`width` override the file's metadata.
    public static func load(path: String, height: Int? = nil, width: Int? = nil) throws -> ConvLSTMNetwork {
        try load(from: try ModelImporter.open(path: path), source: path, height: height, width: width)
    }

    /// The network in a parsed file.
    public static func load(from file: SafeTensors, source: String, height: Int? = nil, width: Int? = nil) throws -> ConvLSTMNetwork {
        let weights = WeightFile(file: file, source: source)
        let metadata = file.metadata
        func size(_ given: Int?, _ key: String) throws -> Int {
            if let given { return given }
            guard let text = metadata[key] else {
                throw FormatError("holds ConvLSTM weights but no frame \(key) (Keras weights do not record it); pass the frame size or add '\(key)' metadata", source: source)
            }
            guard let value = Int(text), value > 0 else {
                throw FormatError("metadata '\(key)' is '\(text)'; expected a positive integer", source: source)
            }
            return value
        }
        let h = try size(height, "height"), w = try size(width, "width")
        var network: ConvLSTMNetwork
        if weights.has(ConvLSTMExporter.tensorName("input_kernel", layer: 0)) {
            network = try loadOwn(weights, height: h, width: w)
        } else {
            network = try loadKeras(weights, height: h, width: w)
        }
        var networkMetadata = metadata
        for key in ["format", "format_version", "cell", "height", "width", "head"] { networkMetadata[key] = nil }
        network.metadata = networkMetadata
        do {
            try network.validate()
        } catch {
            throw FormatError("\(error.message); the weights do not fit together", source: source)
        }
        return network
    }

    /// gatescope's own layout (``ConvLSTMExporter``).
    static func loadOwn(_ weights: WeightFile, height: Int, width: Int) throws -> ConvLSTMNetwork {
        var layers: [ConvLSTMWeights] = []
        var k = 0
        while weights.has(ConvLSTMExporter.tensorName("input_kernel", layer: k)) {
            let inputName = ConvLSTMExporter.tensorName("input_kernel", layer: k)
            guard let shape = weights.shape(inputName), shape.count == 4, shape[0] % 4 == 0, shape[0] > 0 else {
                throw weights.error("tensor '\(weights.original(inputName))' has shape \(weights.shape(inputName) ?? []); expected [4C, Cin, kh, kw]")
            }
            let g = shape[0], kh = shape[2], kw = shape[3], c = g / 4
            let input = try weights.matrix4(inputName, shape: shape, role: "ConvLSTM input kernel")
            let recurrentShape = [g, c, kh, kw]
            let recurrent = try weights.matrix4(ConvLSTMExporter.tensorName("recurrent_kernel", layer: k), shape: recurrentShape,
                                                role: "ConvLSTM recurrent kernel")
            let biasName = ConvLSTMExporter.tensorName("bias", layer: k)
            let bias = weights.has(biasName) ? try weights.floats(biasName, shape: [g], role: "ConvLSTM bias") : nil
            let peepName = ConvLSTMExporter.tensorName("peephole", layer: k)
            let peepholes = weights.has(peepName)
                ? Matrix(rows: 3, columns: c * height * width,
                         values: try weights.floats(peepName, shape: [3, c, height, width], role: "ConvLSTM peepholes (i, f, o)"))
                : nil
            layers.append(ConvLSTMWeights(inputKernel: input, recurrentKernel: recurrent, bias: bias, peepholes: peepholes,
                                          kernelHeight: kh, kernelWidth: kw))
            k += 1
        }
        var head: ConvLSTMHead? = nil
        if let shape = weights.shape("head.weight"), let top = layers.last {
            let outputs = shape.first ?? 0
            let bias = weights.has("head.bias") ? try weights.floats("head.bias", shape: [outputs], role: "head bias") : nil
            if shape.count == 4 {
                let values = try weights.floats("head.weight", shape: [outputs, top.hiddenChannels, 1, 1], role: "1×1 head")
                head = .pointwise(LinearHead(weights: Matrix(rows: outputs, columns: top.hiddenChannels, values: values), bias: bias))
            } else {
                let count = top.hiddenChannels * height * width
                head = .dense(LinearHead(weights: try weights.matrix("head.weight", rows: outputs, columns: count, role: "dense head"), bias: bias))
            }
        }
        return ConvLSTMNetwork(layers: layers, height: height, width: width, head: head)
    }

    /// Keras `ConvLSTM2D` layers, bottom first, with an optional Conv2D 1×1 or Dense head.
    static func loadKeras(_ weights: WeightFile, height: Int, width: Int) throws -> ConvLSTMNetwork {
        var prefixes: [String] = []
        for name in weights.names {
            let (prefix, last) = WeightFile.split(name)
            if last == "recurrent_kernel", weights.shape(name)?.count == 4 { prefixes.append(prefix) }
        }
        guard !prefixes.isEmpty else {
            throw weights.error("holds no ConvLSTM weights (no 4-D 'recurrent_kernel' and no 'convlstm.input_kernel_l0')")
        }
        prefixes.sort { kerasOrder($0) < kerasOrder($1) }
        var layers: [ConvLSTMWeights] = []
        for prefix in prefixes {
            let rkName = WeightFile.join(prefix, "recurrent_kernel")
            let rk = weights.shape(rkName)!
            let kh = rk[0], kw = rk[1], c = rk[2], g = rk[3]
            guard g == 4 * c, c > 0 else {
                throw weights.error("tensor '\(weights.original(rkName))' has shape \(rk); a ConvLSTM2D recurrent_kernel is [kh, kw, filters, 4·filters]")
            }
            let kernelName = WeightFile.join(prefix, "kernel")
            guard let ks = weights.shape(kernelName), ks.count == 4 else {
                throw weights.error("tensor '\(kernelName)' is missing or not 4-D (its recurrent_kernel is there); re-export the whole layer")
            }
            let kernel = try weights.floats(kernelName, shape: [kh, kw, ks[2], g], role: "ConvLSTM2D kernel")
            let recurrent = try weights.floats(rkName, shape: rk, role: "ConvLSTM2D recurrent_kernel")
            let biasName = WeightFile.join(prefix, "bias")
            let bias = weights.has(biasName) ? try weights.floats(biasName, shape: [g], role: "ConvLSTM2D bias") : nil
            layers.append(ConvLSTMWeights(inputKernel: fromKeras(kernel, kh: kh, kw: kw, channels: ks[2], outputs: g),
                                          recurrentKernel: fromKeras(recurrent, kh: kh, kw: kw, channels: c, outputs: g),
                                          bias: bias, kernelHeight: kh, kernelWidth: kw))
        }
        // A head: the first unused `*.kernel` that fits the top layer.
        let top = layers.last!.hiddenChannels
        var head: ConvLSTMHead? = nil
        for name in weights.names where !weights.used.contains(name) {
            let (prefix, last) = WeightFile.split(name)
            guard last == "kernel", let shape = weights.shape(name) else { continue }
            let biasName = WeightFile.join(prefix, "bias")
            if shape.count == 4, shape[0] == 1, shape[1] == 1, shape[2] == top {
                let o = shape[3]
                let values = try weights.floats(name, shape: shape, role: "Conv2D 1×1 head")
                let bias = weights.has(biasName) ? try weights.floats(biasName, shape: [o], role: "Conv2D bias") : nil
                head = .pointwise(LinearHead(weights: Matrix(rows: top, columns: o, values: values).transposed, bias: bias))
                break
            }
            if shape.count == 2, shape[0] == top * height * width {
                let o = shape[1], p = height * width
                let values = try weights.floats(name, shape: shape, role: "Dense head after Flatten")
                var matrix = Matrix(rows: o, columns: top * p)
                for q in 0..<o {
                    for ch in 0..<top {
                        for pixel in 0..<p { matrix[q, ch * p + pixel] = values[(pixel * top + ch) * o + q] }
                    }
                }
                let bias = weights.has(biasName) ? try weights.floats(biasName, shape: [o], role: "Dense bias") : nil
                head = .dense(LinearHead(weights: matrix, bias: bias))
                break
            }
        }
        return ConvLSTMNetwork(layers: layers, height: height, width: width, head: head)
    }

    /// Keras [kh, kw, C, G] → gatescope G × (C·kh·kw): ours[o, c, y, x] = keras[y, x, c, o].
    public static func fromKeras(_ values: [Float], kh: Int, kw: Int, channels: Int, outputs: Int) -> Matrix {
        var result = Matrix(rows: outputs, columns: channels * kh * kw)
        for y in 0..<kh {
            for x in 0..<kw {
                for c in 0..<channels {
                    for o in 0..<outputs {
                        result[o, (c * kh + y) * kw + x] = values[((y * kw + x) * channels + c) * outputs + o]
                    }
                }
            }
        }
        return result
    }

    /// Keras channels-last frames (T rows of H·W·C, element (y, x, c) at (y·W + x)·C + c) → gatescope's
    /// channel-first T × (C·H·W).
    public static func channelFirst(_ frames: Matrix, height: Int, width: Int, channels: Int) -> Matrix {
        precondition(frames.columns == height * width * channels)
        var result = Matrix(rows: frames.rows, columns: frames.columns)
        let p = height * width
        for t in 0..<frames.rows {
            for pixel in 0..<p {
                for c in 0..<channels { result[t, c * p + pixel] = frames[t, pixel * channels + c] }
            }
        }
        return result
    }

    /// Sort key for Keras layer names: `conv_lst_m2d` (0) before `conv_lst_m2d_1` (1), `_2`, ….
    static func kerasOrder(_ prefix: String) -> String {
        var display = prefix
        while case let (parent, tail) = WeightFile.split(display), tail.hasSuffix("cell"), !parent.isEmpty { display = parent }
        let (parent, last) = WeightFile.split(display)
        var base = Substring(last), index = 0
        if let underscore = last.lastIndex(of: "_"), let number = Int(last[last.index(after: underscore)...]) {
            base = last[..<underscore]
            index = number
        }
        let padded = String(repeating: "0", count: max(0, 8 - String(index).count)) + String(index)
        return parent + "\u{0}" + base + "\u{0}" + padded
    }
}
