import GateCore

extension ModelImporter {
    /// Prefixes of PyTorch recurrent modules: every prefix holding a `weight_hh…` tensor, in file order.
    static func pytorchPrefixes(in weights: WeightFile) -> [String] {
        var seen = Set<String>(), prefixes: [String] = []
        for name in weights.names {
            let (prefix, last) = WeightFile.split(name)
            guard let parsed = TorchWeightName(last), parsed.base == "weight_hh" else { continue }
            if seen.insert(prefix).inserted { prefixes.append(prefix) }
        }
        return prefixes
    }

    /// The layer keys (`nil` for a cell) and whether a reverse direction exists, under `prefix`.
    static func pytorchLayout(of prefix: String, in weights: WeightFile) throws -> (layers: [Int?], directions: Int) {
        var layers = Set<Int>(), reversed = Set<Int>(), isCell = false
        for name in weights.names {
            let (p, last) = WeightFile.split(name)
            guard p == prefix, let parsed = TorchWeightName(last), parsed.base == "weight_hh" else { continue }
            if let layer = parsed.layer {
                if parsed.reverse { reversed.insert(layer) } else { layers.insert(layer) }
            } else {
                isCell = true
            }
        }
        let where_ = prefix.isEmpty ? "" : " under '\(prefix)'"
        if isCell {
            guard layers.isEmpty, reversed.isEmpty else {
                throw weights.error("holds both cell-style 'weight_hh' and layer-style 'weight_hh_l0' weights\(where_); pick one module with --prefix")
            }
            return ([nil], 1)
        }
        let count = (layers.max() ?? -1) + 1
        for k in 0..<count where !layers.contains(k) {
            throw weights.error("has no '\(WeightFile.join(prefix, "weight_hh_l\(k)"))' but has later layers; the state_dict is incomplete, re-export it")
        }
        let directions = reversed.isEmpty ? 1 : 2
        if directions == 2 {
            for k in 0..<count where !reversed.contains(k) {
                throw weights.error("tensor '\(WeightFile.join(prefix, "weight_hh_l\(k)_reverse"))' is missing but other layers are bidirectional; the state_dict is incomplete, re-export it")
            }
        }
        if let extra = reversed.first(where: { $0 >= count }) {
            throw weights.error("has '\(WeightFile.join(prefix, "weight_hh_l\(extra)_reverse"))' without its forward direction; the state_dict is incomplete, re-export it")
        }
        return (Array(0..<count), directions)
    }

    /// Cell kind, hidden size and projection size of one layer/direction, from the shapes of
    /// `weight_hh` (kH × H) and `weight_hr` (P × H).
    static func pytorchCellShape(_ name: TorchWeightName, prefix: String, in weights: WeightFile)
        throws -> (gates: Int, hidden: Int, projection: Int) {
        let hhName = WeightFile.join(prefix, name.text)
        var hrKey = name
        hrKey.base = "weight_hr"
        let hrName = WeightFile.join(prefix, hrKey.text)
        guard let hh = weights.shape(hhName), hh.count == 2 else {
            throw weights.error("tensor '\(weights.original(hhName))' has shape \(weights.shape(hhName) ?? []); weight_hh must be 2-D (gates×H, H)")
        }
        if let hr = weights.shape(hrName) {
            guard hr.count == 2, hr[1] > 0, hr[0] > 0, hh[0] == 4 * hr[1], hh[1] == hr[0] else {
                throw weights.error("tensor '\(weights.original(hrName))' has shape \(hr) but weight_hh is \(hh); an LSTM with proj_size P and hidden H needs weight_hh [4H, P] and weight_hr [P, H]")
            }
            return (4, hr[1], hr[0])
        }
        guard hh[1] > 0, hh[0] % hh[1] == 0, [1, 3, 4].contains(hh[0] / hh[1]) else {
            throw weights.error("tensor '\(weights.original(hhName))' has shape \(hh); weight_hh must be [4H, H] (LSTM), [3H, H] (GRU) or [H, H] (RNN)")
        }
        return (hh[0] / hh[1], hh[1], 0)
    }

    /// A description of the PyTorch module under `prefix` from shapes only.
    static func describePyTorch(prefix: String, in weights: WeightFile) throws -> RecurrentModuleInfo {
        let (layers, directions) = try pytorchLayout(of: prefix, in: weights)
        let first = TorchWeightName(base: "weight_hh", layer: layers[0], reverse: false)
        let shape = try pytorchCellShape(first, prefix: prefix, in: weights)
        var ihName = first
        ihName.base = "weight_ih"
        let input = weights.shape(WeightFile.join(prefix, ihName.text)).flatMap { $0.count == 2 ? $0[1] : nil } ?? 0
        return RecurrentModuleInfo(prefix: prefix, layout: .pytorch, kind: kind(gates: shape.gates), layers: layers.count,
                                   directions: directions, inputSize: input, hiddenSize: shape.hidden,
                                   projectionSize: shape.projection, layerPrefixes: [prefix])
    }

    /// Loads every layer and direction of the PyTorch module under `prefix`.
    static func loadPyTorch(prefix: String, in weights: WeightFile, relu: Bool, resetAfter: Bool) throws -> [[CellWeights]] {
        let (layers, directions) = try pytorchLayout(of: prefix, in: weights)
        var result: [[CellWeights]] = []
        var expectedInput: Int? = nil
        var firstGates: Int? = nil
        for layer in layers {
            var row: [CellWeights] = []
            for direction in 0..<directions {
                let key = TorchWeightName(base: "weight_hh", layer: layer, reverse: direction == 1)
                let shape = try pytorchCellShape(key, prefix: prefix, in: weights)
                func name(_ base: String) -> String {
                    WeightFile.join(prefix, TorchWeightName(base: base, layer: layer, reverse: direction == 1).text)
                }
                if let firstGates, firstGates != shape.gates {
                    throw weights.error("'\(weights.original(name("weight_hh")))' is a \(kind(gates: shape.gates).displayName) layer but layer 0 is \(kind(gates: firstGates).displayName); one module must use one cell kind")
                }
                firstGates = shape.gates
                let rows = shape.gates * shape.hidden
                let recurrentColumns = shape.projection > 0 ? shape.projection : shape.hidden
                guard let ih = weights.shape(name("weight_ih")) else {
                    throw weights.error("tensor '\(name("weight_ih"))' is missing (its weight_hh is there); the state_dict is incomplete, re-export it")
                }
                let inputSize = expectedInput ?? (ih.count == 2 ? ih[1] : 0)
                let inputWeights = try weights.matrix(name("weight_ih"), rows: rows, columns: inputSize, role: "input weights")
                let recurrentWeights = try weights.matrix(name("weight_hh"), rows: rows, columns: recurrentColumns, role: "recurrent weights")
                let hasIH = weights.has(name("bias_ih")), hasHH = weights.has(name("bias_hh"))
                guard hasIH == hasHH else {
                    throw weights.error("tensor '\(hasIH ? name("bias_hh") : name("bias_ih"))' is missing while its partner bias is there; the state_dict is incomplete, re-export it")
                }
                let inputBias = hasIH ? try weights.floats(name("bias_ih"), shape: [rows], role: "input bias") : nil
                let recurrentBias = hasHH ? try weights.floats(name("bias_hh"), shape: [rows], role: "recurrent bias") : nil
                switch shape.gates {
                case 4:
                    let projection = shape.projection > 0
                        ? try weights.matrix(name("weight_hr"), rows: shape.projection, columns: shape.hidden, role: "projection")
                        : nil
                    let peepholes = weights.has(name("peephole"))
                        ? try weights.matrix(name("peephole"), rows: 3, columns: shape.hidden, role: "peepholes")
                        : nil
                    row.append(.lstm(LSTMWeights(inputWeights: inputWeights, recurrentWeights: recurrentWeights,
                                                 inputBias: inputBias, recurrentBias: recurrentBias,
                                                 peepholes: peepholes, projection: projection)))
                case 3:
                    row.append(.gru(GRUWeights(inputWeights: inputWeights, recurrentWeights: recurrentWeights,
                                               inputBias: inputBias, recurrentBias: recurrentBias, resetAfter: resetAfter)))
                default:
                    row.append(.rnn(RNNWeights(inputWeights: inputWeights, recurrentWeights: recurrentWeights,
                                               inputBias: inputBias, recurrentBias: recurrentBias, usesRelu: relu)))
                }
            }
            expectedInput = row.reduce(0) { $0 + $1.outputSize }
            result.append(row)
        }
        return result
    }

    /// The cell kind for a number of gate blocks (4 LSTM, 3 GRU, 1 RNN).
    static func kind(gates: Int) -> CellKind {
        switch gates {
        case 4: .lstm
        case 3: .gru
        default: .rnnTanh
        }
    }
}
