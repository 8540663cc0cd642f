import GateCore

extension ModelImporter {
    /// Keras recurrent layers (forward/backward pairs of a `Bidirectional` joined), in file order.
    static func kerasUnits(in weights: WeightFile) -> [KerasUnit] {
        var singles: [KerasUnit] = []
        for name in weights.names {
            let (prefix, last) = WeightFile.split(name)
            guard last == "recurrent_kernel", let rk = weights.shape(name), rk.count == 2, rk[0] > 0,
                  rk[1] % rk[0] == 0, [1, 3, 4].contains(rk[1] / rk[0]) else { continue }
            let kernel = weights.shape(WeightFile.join(prefix, "kernel"))
            let input = (kernel?.count == 2) ? kernel![0] : 0
            // `lstm/lstm_cell/kernel` belongs to the layer `lstm`: drop trailing `*cell` components.
            var display = prefix
            while case let (parent, tail) = WeightFile.split(display), tail.hasSuffix("cell"), !parent.isEmpty {
                display = parent
            }
            singles.append(KerasUnit(name: display, tensorPrefixes: [prefix], gates: rk[1] / rk[0],
                                     inputSize: input, units: rk[0]))
        }
        // Bidirectional wrappers hold `forward_<layer>` and `backward_<layer>`.
        var units: [KerasUnit] = []
        var consumed = Set<Int>()
        for (index, unit) in singles.enumerated() where !consumed.contains(index) {
            let (parent, last) = WeightFile.split(unit.name)
            if last.hasPrefix("forward_"),
               let partner = singles.indices.first(where: {
                   !consumed.contains($0) && singles[$0].name == WeightFile.join(parent, "backward_" + last.dropFirst("forward_".count))
               }), singles[partner].gates == unit.gates, singles[partner].units == unit.units {
                consumed.insert(partner)
                units.append(KerasUnit(name: parent.isEmpty ? unit.name : parent,
                                       tensorPrefixes: unit.tensorPrefixes + singles[partner].tensorPrefixes,
                                       gates: unit.gates, inputSize: unit.inputSize, units: unit.units))
            } else if last.hasPrefix("backward_") {
                continue  // a backward half whose forward half appears later is picked up there
            } else {
                units.append(unit)
            }
            consumed.insert(index)
        }
        // Backward halves never matched stay as single layers.
        for (index, unit) in singles.enumerated() where !consumed.contains(index) { units.append(unit) }
        return units
    }

    /// Keras stacks: layers `lstm`, `lstm_1`, `lstm_2`, … of one kind whose sizes chain, bottom first.
    static func kerasStacks(_ units: [KerasUnit]) -> [[KerasUnit]] {
        var groups: [[KerasUnit]] = []
        var keyOrder: [String] = []
        var byKey: [String: [KerasUnit]] = [:]
        for unit in units {
            let key = unit.stackKey
            let id = "\(key.parent)\u{0}\(key.base)\u{0}\(unit.gates)"
            if byKey[id] == nil { keyOrder.append(id) }
            byKey[id, default: []].append(unit)
        }
        for id in keyOrder {
            let members = byKey[id]!.sorted { $0.stackKey.index < $1.stackKey.index }
            var current: [KerasUnit] = []
            for unit in members {
                if let last = current.last, last.outputWidth == unit.inputSize,
                   last.tensorPrefixes.count == unit.tensorPrefixes.count {
                    current.append(unit)
                } else {
                    if !current.isEmpty { groups.append(current) }
                    current = [unit]
                }
            }
            if !current.isEmpty { groups.append(current) }
        }
        return groups
    }

    /// A description of a Keras stack.
    static func describeKeras(_ stack: [KerasUnit]) -> RecurrentModuleInfo {
        RecurrentModuleInfo(prefix: stack[0].name, layout: .keras, kind: kind(gates: stack[0].gates),
                            layers: stack.count, directions: stack[0].tensorPrefixes.count,
                            inputSize: stack[0].inputSize, hiddenSize: stack[0].units, projectionSize: 0,
                            layerPrefixes: stack.map(\.name))
    }

    /// Loads a Keras stack: kernels transposed, GRU blocks reordered z,r,h → r,z,n, LSTM biases in `inputBias`.
    static func loadKeras(_ stack: [KerasUnit], in weights: WeightFile, relu: Bool, resetAfterDefault: Bool) throws -> [[CellWeights]] {
        var result: [[CellWeights]] = []
        var expectedInput = stack[0].inputSize
        for unit in stack {
            var row: [CellWeights] = []
            for prefix in unit.tensorPrefixes {
                let u = unit.units, width = unit.gates * u
                let kernelName = WeightFile.join(prefix, "kernel")
                guard weights.has(kernelName) else {
                    throw weights.error("tensor '\(kernelName)' is missing (its recurrent_kernel is there); the file is incomplete, re-export it")
                }
                let kernel = try weights.matrix(kernelName, rows: expectedInput, columns: width, role: "Keras kernel").transposed
                let recurrent = try weights.matrix(WeightFile.join(prefix, "recurrent_kernel"), rows: u, columns: width,
                                                   role: "Keras recurrent_kernel").transposed
                let biasName = WeightFile.join(prefix, "bias")
                let biasShape = weights.shape(biasName)
                switch unit.gates {
                case 4:
                    let bias = biasShape == nil ? nil : try weights.floats(biasName, shape: [width], role: "Keras LSTM bias")
                    row.append(.lstm(LSTMWeights(inputWeights: kernel, recurrentWeights: recurrent, inputBias: bias)))
                case 3:
                    let reorderedKernel = gruReordered(kernel, units: u)
                    let reorderedRecurrent = gruReordered(recurrent, units: u)
                    var inputBias: [Float]? = nil, recurrentBias: [Float]? = nil
                    var resetAfter = unit.config?.recurrentLayer.resetAfter ?? resetAfterDefault
                    if let biasShape {
                        if biasShape == [width] {
                            inputBias = gruReordered(try weights.floats(biasName, shape: [width], role: "Keras GRU bias"), units: u)
                            resetAfter = false
                        } else {
                            let both = try weights.floats(biasName, shape: [2, width], role: "Keras GRU bias (reset_after=True is [2, 3·units], False is [3·units])")
                            inputBias = gruReordered(Array(both[0..<width]), units: u)
                            recurrentBias = gruReordered(Array(both[width...]), units: u)
                            resetAfter = true
                        }
                    }
                    row.append(.gru(GRUWeights(inputWeights: reorderedKernel, recurrentWeights: reorderedRecurrent,
                                               inputBias: inputBias, recurrentBias: recurrentBias, resetAfter: resetAfter)))
                default:
                    let bias = biasShape == nil ? nil : try weights.floats(biasName, shape: [width], role: "Keras SimpleRNN bias")
                    row.append(.rnn(RNNWeights(inputWeights: kernel, recurrentWeights: recurrent, inputBias: bias, usesRelu: relu)))
                }
            }
            expectedInput = row.reduce(0) { $0 + $1.outputSize }
            result.append(row)
        }
        return result
    }

    /// Rows in blocks z, r, h → r, z, n.
    static func gruReordered(_ matrix: Matrix, units: Int) -> Matrix {
        let block = units * matrix.columns
        let v = matrix.values
        return Matrix(rows: matrix.rows, columns: matrix.columns,
                      values: Array(v[block..<2 * block]) + Array(v[0..<block]) + Array(v[2 * block..<3 * block]))
    }

    /// Values in blocks z, r, h → r, z, n.
    static func gruReordered(_ values: [Float], units: Int) -> [Float] {
        Array(values[units..<2 * units]) + Array(values[0..<units]) + Array(values[2 * units..<3 * units])
    }
}
