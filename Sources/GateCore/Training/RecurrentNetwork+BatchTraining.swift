/// What one batched forward and backward pass produced.
struct BatchGradient: Sendable {
    /// Each sequence's loss, in batch order.
    var losses: [Double]
    /// ∂(Σ losses)/∂parameters, flat, in the network's `ParameterLayout` order (summed, not averaged).
    var gradient: [Float]
    /// Each sequence's head outputs (T × O), in batch order.
    var outputs: [Matrix]
}

/// One LSTM layer direction run over a whole batch, time-major: row `t * batch + b` is sequence b at step t.
private struct BatchRun {
    /// σ(i), σ(f), tanh(g), σ(o) per row (4H).
    var gates: [Float]
    /// c per row (H).
    var cells: [Float]
    /// h per row (H).
    var hiddens: [Float]
}

extension RecurrentNetwork {
    /// Whether `batchLossAndGradient` can train this network on these inputs: plain LSTM layers (no
    /// embedding, reverse-only reading or initial state), a head, and sequences of one length.
    func supportsBatchTraining(_ inputs: [Matrix]) -> Bool {
        guard embedding == nil, head != nil, !readsBackward, initialStates == nil,
              let first = inputs.first, first.rows > 0 else { return false }
        for directions in layers {
            for weights in directions {
                guard case .lstm(let w) = weights, w.projection == nil, w.peepholes == nil, w.clip == nil,
                      !w.couplesInputAndForget else { return false }
            }
        }
        return inputs.allSatisfy { $0.rows == first.rows && $0.columns == inputSize }
    }

    /// The losses of a batch of equally long sequences and the gradient of their sum, with the whole batch
    /// through every step at once: each step's recurrent product is one matrix–matrix product (W_hh read
    /// once per step, not once per sequence), and each weight gradient is one product over all steps and
    /// sequences. One-hot inputs gather rows of W_ihᵀ instead of multiplying by zeros. The result equals
    /// the sum of `lossAndGradient` over the sequences up to rounding.
    func batchLossAndGradient(inputs: [Matrix], targets: [TrainingTarget], layout: ParameterLayout) -> BatchGradient {
        precondition(supportsBatchTraining(inputs) && targets.count == inputs.count, "batch training: unsupported batch")
        guard let head else { preconditionFailure("batch training needs a head") }
        let batch = inputs.count, steps = inputs[0].rows, rows = steps * batch, width0 = inputSize
        var x = [Float](repeating: 0, count: rows * width0)
        for (b, input) in inputs.enumerated() {
            for t in 0..<steps {
                for c in 0..<width0 { x[(t * batch + b) * width0 + c] = input.values[t * width0 + c] }
            }
        }
        let tokens = Self.oneHotTokens(x, rows: rows, width: width0)

        // Forward, layer by layer; each layer's input is kept for the weight gradients.
        var layerInputs: [[Float]] = []
        var runs: [[BatchRun]] = []
        var current = x, width = width0
        for (index, directions) in layers.enumerated() {
            layerInputs.append(current)
            var layerRuns: [BatchRun] = []
            for (direction, weights) in directions.enumerated() {
                guard case .lstm(let w) = weights else { preconditionFailure("batch training runs LSTM layers") }
                layerRuns.append(Self.forward(w, input: current, width: width, tokens: index == 0 ? tokens : nil,
                                              steps: steps, batch: batch, reverse: isReverse(direction: direction)))
            }
            runs.append(layerRuns)
            (current, width) = Self.concatenate(layerRuns.map(\.hiddens), rows: rows, width: hiddenSize)
        }

        // The head and the loss, sequence by sequence.
        let top = current, topWidth = width, outputs = head.outputSize
        // The logits are computed 16 columns at a time: W_headᵀ gets zero columns up to a multiple of 16
        // (they only fill unused columns), so no output column takes the kernel's slow single-column path.
        let padded = (outputs + 15) / 16 * 16
        let headTransposed = BatchKernels.transpose(head.weights.values, rows: outputs, columns: topWidth)
        var paddedTransposed = [Float](repeating: 0, count: topWidth * padded)
        var logits = [Float](repeating: 0, count: rows * padded)
        for k in 0..<topWidth { for o in 0..<outputs { paddedTransposed[k * padded + o] = headTransposed[k * outputs + o] } }
        for m in 0..<rows { for o in 0..<outputs { logits[m * padded + o] = head.bias[o] } }
        Self.gemm(top, rows: rows, inner: topWidth, paddedTransposed, columns: padded, into: &logits)
        var losses: [Double] = [], sequenceOutputs: [Matrix] = []
        var outputGradient = [Float](repeating: 0, count: rows * outputs)
        for b in 0..<batch {
            var y = Matrix(rows: steps, columns: outputs)
            for t in 0..<steps { for o in 0..<outputs { y.values[t * outputs + o] = logits[(t * batch + b) * padded + o] } }
            let (loss, g) = SequenceLoss.evaluate(outputs: y, target: targets[b])
            for t in 0..<steps { for o in 0..<outputs { outputGradient[(t * batch + b) * outputs + o] = g.values[t * outputs + o] } }
            losses.append(loss)
            sequenceOutputs.append(y)
        }

        var gradient = [Float](repeating: 0, count: layout.count)
        let headWeights = layout.entry(named: "head.weight")!.range, headBias = layout.entry(named: "head.bias")!.range
        gradient.withUnsafeMutableBufferPointer { g in
            outputGradient.withUnsafeBufferPointer { dy in
                top.withUnsafeBufferPointer { h in
                    BatchKernels.gemmTransposedA(dy, rows: rows, columns: outputs, h, columns: topWidth,
                                                 into: g.extracting(headWeights))
                }
                Self.sumRows(dy, rows: rows, width: outputs, into: g.extracting(headBias))
            }
        }
        var above = [Float](repeating: 0, count: rows * topWidth)
        Self.gemm(outputGradient, rows: rows, inner: outputs, head.weights.values, columns: topWidth, into: &above)

        // Backward, top layer first.
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
            let input = layerInputs[index]
            let inputWidth = index == 0 ? width0 : hiddenSize * layers[index - 1].count
            var below = [Float](repeating: 0, count: index > 0 ? rows * inputWidth : 0)
            let parts = Self.split(above, rows: rows, parts: layers[index].count, width: hiddenSize)
            for (direction, weights) in layers[index].enumerated() {
                guard case .lstm(let w) = weights else { preconditionFailure("batch training runs LSTM layers") }
                let suffix = "_l\(index)" + (direction == 1 ? "_reverse" : "")
                let slots = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].map { layout.entry(named: "rnn.\($0)\(suffix)")!.range }
                Self.backward(w, run: runs[index][direction], input: input, width: inputWidth,
                              tokens: index == 0 ? tokens : nil, steps: steps, batch: batch,
                              reverse: isReverse(direction: direction), above: parts[direction],
                              slots: slots, gradient: &gradient, below: &below)
            }
            above = below
        }
        return BatchGradient(losses: losses, gradient: gradient, outputs: sequenceOutputs)
    }

    /// The hot index of every row when `x` (rows × width) is one-hot (a single 1, zeros elsewhere); nil otherwise.
    private static func oneHotTokens(_ x: [Float], rows: Int, width: Int) -> [Int]? {
        var tokens = [Int](repeating: 0, count: rows)
        for m in 0..<rows {
            var hot = -1
            for c in 0..<width {
                let v = x[m * width + c]
                if v == 0 { continue }
                guard v == 1, hot < 0 else { return nil }
                hot = c
            }
            guard hot >= 0 else { return nil }
            tokens[m] = hot
        }
        return tokens
    }

    /// One direction of one LSTM layer over the batch.
    private static func forward(_ w: LSTMWeights, input: [Float], width: Int, tokens: [Int]?, steps: Int,
                                batch: Int, reverse: Bool) -> BatchRun {
        let h = w.hiddenSize, g = 4 * h, rows = steps * batch
        var z = [Float](repeating: 0, count: rows * g)
        let bias = zip(w.inputBias, w.recurrentBias).map { $0 + $1 }
        let inputTransposed = BatchKernels.transpose(w.inputWeights.values, rows: g, columns: width)
        z.withUnsafeMutableBufferPointer { z in
            bias.withUnsafeBufferPointer { b in
                for m in 0..<rows { _ = z.extracting((m * g)..<((m + 1) * g)).update(fromContentsOf: b) }
            }
            guard let tokens else { return }
            // W_ih x for a one-hot x is one row of W_ihᵀ; bias + that row is what the product would give.
            inputTransposed.withUnsafeBufferPointer { w in
                for m in 0..<rows {
                    BatchKernels.add(w.extracting((tokens[m] * g)..<((tokens[m] + 1) * g)),
                                     into: z.extracting((m * g)..<((m + 1) * g)), count: g)
                }
            }
        }
        if tokens == nil { gemm(input, rows: rows, inner: width, inputTransposed, columns: g, into: &z) }
        // W_hhᵀ packed once per batch (every step's product reads it), or transposed when 4H is not a multiple of 16.
        let packed = BatchKernels.packPanels(w.recurrentWeights.values, rows: h, columns: g, transposed: true) ?? []
        let recurrentTransposed = packed.isEmpty ? BatchKernels.transpose(w.recurrentWeights.values, rows: g, columns: h) : []
        var gates = [Float](repeating: 0, count: rows * g)
        var cells = [Float](repeating: 0, count: rows * h), hiddens = cells
        z.withUnsafeMutableBufferPointer { z in
        gates.withUnsafeMutableBufferPointer { gs in
        cells.withUnsafeMutableBufferPointer { c in
        hiddens.withUnsafeMutableBufferPointer { hs in
        recurrentTransposed.withUnsafeBufferPointer { u in
        packed.withUnsafeBufferPointer { p in
            let block = batch * h, packedU = p.isEmpty ? nil : p
            for s in 0..<steps {
                let (t, previous) = BackpropKernels.position(s, of: steps, reverse: reverse)
                let zt = z.extracting((t * batch * g)..<((t + 1) * batch * g))
                if let previous {
                    BatchKernels.gemm(UnsafeBufferPointer(hs.extracting((previous * block)..<((previous + 1) * block))),
                                      rows: batch, inner: h, u, packed: packedU, columns: g, into: zt)
                }
                let cPrev = previous.map { UnsafeBufferPointer(c.extracting(($0 * block)..<(($0 + 1) * block))) }
                BatchKernels.lstmForward(UnsafeBufferPointer(zt), previousCell: cPrev, rows: batch, hidden: h,
                                         gates: gs.extracting((t * batch * g)..<((t + 1) * batch * g)),
                                         cells: c.extracting((t * block)..<((t + 1) * block)),
                                         hiddens: hs.extracting((t * block)..<((t + 1) * block)))
            }
        }}}}}}
        return BatchRun(gates: gates, cells: cells, hiddens: hiddens)
    }

    /// Backpropagation through one direction of one LSTM layer over the batch: adds the weight and bias
    /// gradients into `gradient` at `slots` (weight_ih, weight_hh, bias_ih, bias_hh) and ∂L/∂input into
    /// `below` (left alone when empty: nothing below needs it).
    private static func backward(_ w: LSTMWeights, run: BatchRun, input: [Float], width: Int, tokens: [Int]?,
                                 steps: Int, batch: Int, reverse: Bool, above: [Float], slots: [Range<Int>],
                                 gradient: inout [Float], below: inout [Float]) {
        let h = w.hiddenSize, g = 4 * h, rows = steps * batch, block = batch * h
        var dz = [Float](repeating: 0, count: rows * g)
        var dhNext = [Float](repeating: 0, count: block), dcNext = dhNext
        let packed = BatchKernels.packPanels(w.recurrentWeights.values, rows: g, columns: h) ?? []
        dz.withUnsafeMutableBufferPointer { d in
        dhNext.withUnsafeMutableBufferPointer { dh in
        dcNext.withUnsafeMutableBufferPointer { dc in
        above.withUnsafeBufferPointer { a in
        run.gates.withUnsafeBufferPointer { gates in
        run.cells.withUnsafeBufferPointer { c in
        w.recurrentWeights.values.withUnsafeBufferPointer { u in
        packed.withUnsafeBufferPointer { p in
            for s in stride(from: steps - 1, through: 0, by: -1) {
                let (t, previous) = BackpropKernels.position(s, of: steps, reverse: reverse)
                let rowsT = (t * block)..<((t + 1) * block), gatesT = (t * batch * g)..<((t + 1) * batch * g)
                let cPrev = previous.map { c.extracting(($0 * block)..<(($0 + 1) * block)) }
                BatchKernels.lstmBackward(above: a.extracting(rowsT), next: UnsafeBufferPointer(dh), cellGradient: dc,
                                          gates: gates.extracting(gatesT), cells: c.extracting(rowsT),
                                          previousCell: cPrev, rows: batch, hidden: h, dz: d.extracting(gatesT))
                guard s > 0 else { continue }
                dh.update(repeating: 0)
                BatchKernels.gemm(UnsafeBufferPointer(d.extracting(gatesT)), rows: batch, inner: g, u,
                                  packed: p.isEmpty ? nil : p, columns: h, into: dh)
            }
        }}}}}}}}
        gradient.withUnsafeMutableBufferPointer { grad in
        dz.withUnsafeBufferPointer { d in
        run.hiddens.withUnsafeBufferPointer { hs in
        input.withUnsafeBufferPointer { x in
            // ∂W_hh: the step that read h_{t∓1}, for every step but the first processed.
            if steps > 1 {
                let later = (reverse ? 0 : batch * g)..<(reverse ? (rows - batch) * g : rows * g)
                let earlier = (reverse ? block : 0)..<(reverse ? rows * h : (rows - batch) * h)
                BatchKernels.gemmTransposedA(d.extracting(later), rows: rows - batch, columns: g, hs.extracting(earlier),
                                             columns: h, into: grad.extracting(slots[1]))
            }
            if let tokens {
                // ∂W_ih for one-hot inputs: each row of δz lands in its token's column (accumulated transposed).
                var transposed = [Float](repeating: 0, count: width * g)
                transposed.withUnsafeMutableBufferPointer { tr in
                    for m in 0..<rows {
                        BatchKernels.add(d.extracting((m * g)..<((m + 1) * g)),
                                         into: tr.extracting((tokens[m] * g)..<((tokens[m] + 1) * g)), count: g)
                    }
                }
                let back = BatchKernels.transpose(transposed, rows: width, columns: g)
                back.withUnsafeBufferPointer { BatchKernels.add($0, into: grad.extracting(slots[0]), count: g * width) }
            } else {
                BatchKernels.gemmTransposedA(d, rows: rows, columns: g, x, columns: width, into: grad.extracting(slots[0]))
            }
            sumRows(d, rows: rows, width: g, into: grad.extracting(slots[2]))
            sumRows(d, rows: rows, width: g, into: grad.extracting(slots[3]))
        }}}}
        if !below.isEmpty {
            gemm(dz, rows: rows, inner: g, w.inputWeights.values, columns: width, into: &below)
        }
    }

    /// Adds the rows of `a` (rows × width), in order, into `into`.
    private static func sumRows(_ a: UnsafeBufferPointer<Float>, rows: Int, width: Int, into: UnsafeMutableBufferPointer<Float>) {
        for m in 0..<rows { BatchKernels.add(a.extracting((m * width)..<((m + 1) * width)), into: into, count: width) }
    }

    /// C += A · B on whole arrays.
    private static func gemm(_ a: [Float], rows: Int, inner: Int, _ b: [Float], columns: Int, into c: inout [Float]) {
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { BatchKernels.gemm(ap, rows: rows, inner: inner, bp, columns: columns, into: $0) }
            }
        }
    }

    /// The directions' row blocks side by side (rows × parts·width); one part is returned as it is.
    private static func concatenate(_ parts: [[Float]], rows: Int, width: Int) -> ([Float], Int) {
        guard parts.count > 1 else { return (parts[0], width) }
        let total = parts.count * width
        var result = [Float](repeating: 0, count: rows * total)
        for (p, part) in parts.enumerated() {
            for m in 0..<rows { for k in 0..<width { result[m * total + p * width + k] = part[m * width + k] } }
        }
        return (result, total)
    }

    /// The inverse of `concatenate`.
    private static func split(_ whole: [Float], rows: Int, parts: Int, width: Int) -> [[Float]] {
        guard parts > 1 else { return [whole] }
        let total = parts * width
        return (0..<parts).map { p in
            var part = [Float](repeating: 0, count: rows * width)
            for m in 0..<rows { for k in 0..<width { part[m * width + k] = whole[m * total + p * width + k] } }
            return part
        }
    }
}
