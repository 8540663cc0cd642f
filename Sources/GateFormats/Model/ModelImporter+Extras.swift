import GateCore

extension ModelImporter {
    /// Names that usually denote a read-out layer.
    static let headNames: Set<String> = ["head", "fc", "linear", "decoder", "out", "output", "classifier", "dense",
                                         "readout", "lm_head", "fc_out", "out_proj", "output_layer", "proj", "predictor",
                                         "regressor", "logits"]
    /// Names that usually denote a token embedding.
    static let embeddingNames: Set<String> = ["embed", "embedding", "embeddings", "emb", "encoder", "wte",
                                              "tok_embeddings", "word_embeddings", "token_embedding", "embed_tokens"]

    /// 2-D float tensors `{p}.weight` / Keras `{p}.kernel` (and `{p}.embeddings`) not used by the
    /// recurrent module, with their fitting biases.
    static func linearCandidates(in weights: WeightFile, embeddings: Bool) -> [LinearCandidate] {
        var result: [LinearCandidate] = []
        for name in weights.names where !weights.used.contains(name) {
            let (prefix, last) = WeightFile.split(name)
            let accepted = embeddings ? (last == "weight" || last == "embeddings") : (last == "weight" || last == "kernel")
            guard accepted, let shape = weights.shape(name), shape.count == 2,
                  weights.dtype(name)?.isFloatingPoint == true else { continue }
            if last == "kernel", weights.has(WeightFile.join(prefix, "recurrent_kernel")) { continue }
            let transposed = last == "kernel"
            let rows = transposed ? shape[1] : shape[0], columns = transposed ? shape[0] : shape[1]
            let bias = WeightFile.join(prefix, "bias")
            let biasName = weights.shape(bias) == [rows] && !weights.used.contains(bias) ? bias : nil
            let names = embeddings ? embeddingNames : headNames
            let moduleName = WeightFile.split(prefix).last.lowercased()
            var score = 0
            if names.contains(moduleName) { score = 3 }
            else if names.contains(where: { moduleName.hasPrefix($0) }) { score = 2 }
            else if embeddings ? prefix.lowercased().contains("emb") : names.contains(where: { prefix.lowercased().contains($0) }) { score = 1 }
            result.append(LinearCandidate(prefix: prefix, weightName: name, biasName: biasName, transposed: transposed,
                                          rows: rows, columns: columns, score: score))
        }
        return result
    }

    /// The head: the `--head` choice, or the best-named linear layer reading `outputWidth` values.
    ///
    /// Rule: candidates are 2-D `*.weight` [O, W] (Keras `*.kernel` [W, O]) with W the recurrent output
    /// width; the highest name score wins (head, fc, linear, decoder, out, output, classifier, dense, …
    /// exactly, then as a name start, then anywhere in the path), then one with a bias, then file order.
    static func findHead(in weights: WeightFile, outputWidth: Int, option: String?, module: RecurrentModuleInfo)
        throws -> (chosen: (prefix: String, head: LinearHead, tensors: [String])?, others: [String]) {
        if option?.lowercased() == "none" { return (nil, []) }
        let all = linearCandidates(in: weights, embeddings: false)
        var candidates = all.filter { candidate in
            let moduleName = WeightFile.split(candidate.prefix).last.lowercased()
            let looksLikeEmbedding = candidate.prefix.lowercased().contains("emb")
                || (embeddingNames.contains(moduleName) && !headNames.contains(moduleName))
            return candidate.columns == outputWidth && candidate.rows > 0 && !looksLikeEmbedding
        }
        if let option {
            let key = normalisedPrefix(option)
            guard let named = all.first(where: { $0.prefix == key || $0.weightName == key }) else {
                let names = all.map(\.prefix)
                throw weights.error("has no linear layer '\(option)' ('\(WeightFile.join(key, "weight"))' or '\(WeightFile.join(key, "kernel"))'); \(names.isEmpty ? "it has none: use --head none" : "it has: \(names.joined(separator: ", "))")")
            }
            guard named.columns == outputWidth else {
                throw weights.error("head '\(option)' is \(named.rows)×\(named.columns) (out × in) but the recurrent output is \(outputWidth) wide; pick another --head or --head none")
            }
            candidates = [named]
        }
        candidates.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            return (a.biasName != nil) && (b.biasName == nil)
        }
        guard let best = candidates.first else { return (nil, []) }
        var values = try weights.floats(best.weightName, shape: best.transposed ? [best.columns, best.rows] : [best.rows, best.columns],
                                        role: "head weights")
        if best.transposed { values = Matrix(rows: best.columns, columns: best.rows, values: values).transposed.values }
        let bias = try best.biasName.map { try weights.floats($0, shape: [best.rows], role: "head bias") }
        let head = LinearHead(weights: Matrix(rows: best.rows, columns: best.columns, values: values), bias: bias)
        return ((best.prefix, head, [best.weightName] + (best.biasName.map { [$0] } ?? [])),
                candidates.dropFirst().map(\.prefix))
    }

    /// The embedding: the `--embedding` choice, or an `*.weight` [V, E] with E the input size and an
    /// embedding-like name (embed, embedding, emb…, encoder, wte) or V equal to the vocabulary size.
    static func findEmbedding(in weights: WeightFile, inputSize: Int, option: String?, vocabularySize: Int?,
                              exclude: [String]) throws -> (name: String, matrix: Matrix)? {
        if option?.lowercased() == "none" { return nil }
        let all = linearCandidates(in: weights, embeddings: true).filter { !exclude.contains($0.weightName) }
        var candidates: [LinearCandidate]
        if let option {
            let key = normalisedPrefix(option)
            guard let named = all.first(where: { $0.prefix == key || $0.weightName == key }) else {
                throw weights.error("has no embedding '\(option)' (a 2-D '\(WeightFile.join(key, "weight"))'); check the name or use --embedding none")
            }
            candidates = [named]
        } else {
            candidates = all.filter { candidate in
                candidate.biasName == nil && (candidate.score > 0 || candidate.rows == vocabularySize)
            }
        }
        // Embeddings are stored V × E in both layouts (Keras `embeddings` too), never transposed.
        candidates = candidates.compactMap { candidate in
            guard let shape = weights.shape(candidate.weightName), shape[1] == inputSize else { return nil }
            var c = candidate
            c.rows = shape[0]; c.columns = shape[1]
            return c
        }
        if let option, candidates.isEmpty {
            throw weights.error("embedding '\(option)' does not have \(inputSize) columns (the model's input size); pick another --embedding or none")
        }
        candidates.sort { a, b in
            let av = a.rows == vocabularySize ? 1 : 0, bv = b.rows == vocabularySize ? 1 : 0
            return a.score + 4 * av > b.score + 4 * bv
        }
        guard let best = candidates.first else { return nil }
        let matrix = try weights.matrix(best.weightName, rows: best.rows, columns: best.columns, role: "embedding")
        return (weights.original(best.weightName), matrix)
    }
}
