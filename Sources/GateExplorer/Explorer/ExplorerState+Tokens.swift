import GateCore

extension ExplorerState {
    /// Each layer trace's unit responses (hidden state) to each token of the run, when it reads text.
    static func tokenScores(of run: ExplorerRun) -> [String: [[KeyScore]?]] {
        guard let tokens = run.trace.tokens, !tokens.isEmpty else { return [:] }
        let keyCount = max(run.vocabulary?.count ?? 0, (tokens.max() ?? -1) + 1)
        var scores: [String: [[KeyScore]?]] = [:]
        for layer in run.trace.layers {
            scores[layer.key] = UnitSelectivity.byKey(layer.hidden, keys: tokens, keyCount: keyCount)
        }
        return scores
    }

    /// The input token id at the cursor, when the input is text.
    public var tokenAtCursor: Int? {
        guard let tokens = run.trace.tokens, step >= 0, step < tokens.count else { return nil }
        return tokens[step]
    }

    /// A token's text for the screen ("␣" for a space), or "#id" outside the vocabulary.
    public func tokenName(_ id: Int) -> String {
        guard let vocabulary = run.vocabulary, id >= 0, id < vocabulary.count else { return "#\(id)" }
        return ExplorerRun.printable(vocabulary[id])
    }

    /// The tokens the selected unit (of the layer shown) responds to most, strongest first: tokens seen
    /// at least twice come before single sightings.
    public func topTokens(count: Int) -> [(token: Int, score: KeyScore)] {
        guard let scores = tokenScores[layer.key] else { return [] }
        let unit = selectedUnit
        let all = scores.enumerated().compactMap { id, byUnit -> (token: Int, score: KeyScore)? in
            guard let byUnit, unit < byUnit.count else { return nil }
            return (id, byUnit[unit])
        }
        return all.sorted { a, b in
            let repeatedA = a.score.count > 1, repeatedB = b.score.count > 1
            if repeatedA != repeatedB { return repeatedA }
            if abs(a.score.score) != abs(b.score.score) { return abs(a.score.score) > abs(b.score.score) }
            return a.token < b.token
        }.prefix(count).map { $0 }
    }

    /// The units of every layer and direction that respond most to `token`, strongest first.
    public func unitsResponding(to token: Int, count: Int) -> [UnitResponse] {
        var responses: [UnitResponse] = []
        for layer in run.trace.layers {
            guard let scores = tokenScores[layer.key], token >= 0, token < scores.count, let byUnit = scores[token] else { continue }
            for (unit, score) in byUnit.enumerated() {
                responses.append(UnitResponse(layer: layer.layer, isReverse: layer.isReverse, unit: unit, key: token,
                                              score: score.score, z: score.z, count: score.count))
            }
        }
        return Array(responses.sorted(by: UnitResponse.strongerFirst).prefix(count))
    }

    /// Shows `layer` in the given direction with `unit` selected (when the run has that layer).
    public mutating func show(layer index: Int, reverse: Bool, unit: Int) {
        guard let position = run.layerIndices.firstIndex(of: index), run.trace.layer(index, reverse: reverse) != nil else { return }
        layerPosition = position
        isReverse = reverse
        if case .panel(let panel) = focus, panel >= panels.count { focus = .panel(0) }
        select(unit: unit)
    }

    /// Orders the units by their response to `token` (nil: back to the `s` order).
    public mutating func sortUnits(byToken token: Int?) {
        tokenSort = token
    }
}
