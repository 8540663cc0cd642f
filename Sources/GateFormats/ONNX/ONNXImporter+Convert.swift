import GateCore

extension ONNXImporter {
    /// One node's weights per direction in PyTorch's gate order, with its constant initial state
    /// (nil when zero or not constant) and notes on inputs that are not constants.
    static func convert(_ info: ONNXRecurrentNode, folder: inout ONNXConstantFolder, used: inout [String],
                        notes: inout [String], source: String) throws -> (weights: [CellWeights], initial: [RecurrentState]?) {
        let node = info.node
        let label = info.label
        func fail(_ message: String) -> FormatError { FormatError("\(node.opType) node '\(label)': \(message)", source: source) }
        let h = info.hiddenSize, x = info.inputSize, d = info.directions, g = info.gates
        func values(_ index: Int, dims: [Int], role: String) throws -> [Float]? {
            guard let name = node.input(index) else { return nil }
            guard let value = try folder.value(of: name, in: info.scope) else {
                throw fail("its \(role) '\(Escaped.text(name))' is computed at run time, not stored; export with do_constant_folding=True")
            }
            guard value.dims == dims else { throw fail("\(role) '\(Escaped.text(name))' has dims \(value.dims); expected \(dims)") }
            let floats = value.floats
            guard floats.allSatisfy(\.isFinite) else { throw fail("\(role) '\(Escaped.text(name))' holds NaN or infinity") }
            used.append(name)
            return floats
        }
        let w = try values(1, dims: [d, g * h, x], role: "W")!
        let r = try values(2, dims: [d, g * h, h], role: "R")!
        let b = try values(3, dims: [d, 2 * g * h], role: "B")
        let peepholes = g == 4 ? try values(7, dims: [d, 3 * h], role: "P") : nil

        // sequence_lens, initial_h, initial_c: constants are used; run-time values get a note.
        if let name = node.input(4) {
            switch try folder.origin(of: name, in: info.scope) {
            case .constant(let value):
                used.append(name)
                let lengths = value.integers() ?? []
                notes.append("note: \(node.opType) node '\(label)' has a constant sequence_lens \(lengths.prefix(8)); gatescope runs each input for its full length, so give inputs of that length")
            default:
                notes.append("note: \(node.opType) node '\(label)' takes sequence_lens '\(Escaped.text(name))' at run time; gatescope runs each input for its full length")
            }
        }
        var states: [[Float]?] = [nil, nil]
        for (slot, (index, role)) in [(5, "initial_h"), (6, "initial_c")].enumerated() where index < (g == 4 ? 7 : 6) {
            guard let name = node.input(index) else { continue }
            switch try folder.origin(of: name, in: info.scope) {
            case .constant(let value):
                guard value.dims.count == 3, value.dims[0] == d, value.dims[2] == h else {
                    throw fail("its \(role) '\(Escaped.text(name))' has dims \(value.dims); expected [\(d), batch, \(h)]")
                }
                // Batch entries: one sequence runs, so the first entry is its state (all equal: no note).
                let all = value.floats
                let batch = value.dims[1]
                guard batch > 0 else { throw fail("its \(role) '\(Escaped.text(name))' has no batch entries (dims \(value.dims))") }
                var floats: [Float] = []
                var differ = false
                for direction in 0..<d {
                    let first = Array(all[(direction * batch * h)..<((direction * batch + 1) * h)])
                    floats += first
                    for entry in 1..<batch where Array(all[((direction * batch + entry) * h)..<((direction * batch + entry + 1) * h)]) != first {
                        differ = true
                    }
                }
                if differ {
                    notes.append("note: \(node.opType) node '\(label)' has a constant \(role) with \(batch) different batch entries; gatescope runs one sequence from the first")
                }
                guard floats.allSatisfy(\.isFinite) else { throw fail("\(role) '\(Escaped.text(name))' holds NaN or infinity") }
                used.append(name)
                if floats.contains(where: { $0 != 0 }) { states[slot] = floats }
            case .graphInput:
                notes.append("note: \(node.opType) node '\(label)' takes \(role) from the graph input '\(Escaped.text(name))'; gatescope takes it as zero")
            case .computed(let op, let producer):
                if try folder.isZeroFill(name, in: info.scope) { continue }
                notes.append("note: \(node.opType) node '\(label)' takes \(role) '\(Escaped.text(name))' from \(Escaped.text(op)) node '\(producer)' at run time; gatescope takes it as zero")
            case .undefined:
                throw fail("its \(role) '\(Escaped.text(name))' is defined nowhere in the graph; the file is corrupt")
            }
        }

        // Block order: position k of PyTorch's order comes from ONNX block order[k].
        let order = g == 4 ? [0, 2, 3, 1] : g == 3 ? [1, 0, 2] : [0]
        func reorder(_ all: [Float], direction: Int, blockSize: Int, order: [Int], offset: Int = 0) -> [Float] {
            let start = direction * (all.count / d) + offset
            return order.flatMap { block in all[(start + block * blockSize)..<(start + (block + 1) * blockSize)] }
        }
        let clip = node.attribute("clip")?.float
        if let clip, !(clip > 0) || !clip.isFinite { throw fail("has clip \(clip); expected a positive threshold") }
        let couples = (node.attribute("input_forget")?.int ?? 0) != 0
        let resetAfter = (node.attribute("linear_before_reset")?.int ?? 0) != 0
        var result: [CellWeights] = []
        var initial: [RecurrentState] = []
        for direction in 0..<d {
            let wi = Matrix(rows: g * h, columns: x, values: reorder(w, direction: direction, blockSize: h * x, order: order))
            let wh = Matrix(rows: g * h, columns: h, values: reorder(r, direction: direction, blockSize: h * h, order: order))
            let bi = b.map { reorder($0, direction: direction, blockSize: h, order: order) }
            let bh = b.map { reorder($0, direction: direction, blockSize: h, order: order, offset: g * h) }
            let zeros = [Float](repeating: 0, count: h)
            let hidden = states[0].map { Array($0[(direction * h)..<((direction + 1) * h)]) } ?? zeros
            let cell = states[1].map { Array($0[(direction * h)..<((direction + 1) * h)]) } ?? zeros
            switch info.kind {
            case .lstm:
                let p = peepholes.map { Matrix(rows: 3, columns: h, values: reorder($0, direction: direction, blockSize: h, order: [0, 2, 1])) }
                result.append(.lstm(LSTMWeights(inputWeights: wi, recurrentWeights: wh, inputBias: bi, recurrentBias: bh,
                                                peepholes: p, clip: clip, couplesInputAndForget: couples)))
                initial.append(RecurrentState(hidden: hidden, cell: cell))
            case .gru:
                result.append(.gru(GRUWeights(inputWeights: wi, recurrentWeights: wh, inputBias: bi, recurrentBias: bh,
                                              resetAfter: resetAfter)))
                initial.append(RecurrentState(hidden: hidden))
            case .rnnTanh, .rnnRelu:
                result.append(.rnn(RNNWeights(inputWeights: wi, recurrentWeights: wh, inputBias: bi, recurrentBias: bh,
                                              usesRelu: info.kind == .rnnRelu)))
                initial.append(RecurrentState(hidden: hidden))
            }
        }
        return (result, states.contains { $0 != nil } ? initial : nil)
    }
}
