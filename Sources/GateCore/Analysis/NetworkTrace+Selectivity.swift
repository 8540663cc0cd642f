extension NetworkTrace {
    /// Every unit's response to every key, over every layer and direction that has `series`: grouped
    /// by key (ascending), strongest first within a key (`order`, by default ``UnitResponse/strongerFirst(_:_:)``), at
    /// most `top` per key (all when nil). See ``UnitSelectivity`` for the statistics.
    public func unitResponses(series: String, keys: [Int], keyCount: Int, top: Int? = nil,
                              order: (UnitResponse, UnitResponse) -> Bool = UnitResponse.strongerFirst) -> [UnitResponse] {
        var perKey = [[UnitResponse]](repeating: [], count: max(0, keyCount))
        for layer in layers {
            guard let matrix = layer.series[series] else { continue }
            for (key, scores) in UnitSelectivity.byKey(matrix, keys: keys, keyCount: keyCount).enumerated() {
                guard let scores else { continue }
                for (unit, score) in scores.enumerated() {
                    perKey[key].append(UnitResponse(layer: layer.layer, isReverse: layer.isReverse, unit: unit, key: key,
                                                    score: score.score, z: score.z, count: score.count))
                }
            }
        }
        return perKey.flatMap { responses in
            let sorted = responses.sorted(by: order)
            return top.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
        }
    }

    /// Every unit's Pearson correlation with the numeric track `values` (NaN: no value), as responses
    /// to key 0, strongest first, at most `top` (all when nil).
    public func unitCorrelations(series: String, values: [Float], top: Int? = nil,
                                 order: (UnitResponse, UnitResponse) -> Bool = UnitResponse.strongerFirst) -> [UnitResponse] {
        var responses: [UnitResponse] = []
        for layer in layers {
            guard let matrix = layer.series[series] else { continue }
            for (unit, score) in UnitSelectivity.correlation(matrix, values: values).enumerated() {
                responses.append(UnitResponse(layer: layer.layer, isReverse: layer.isReverse, unit: unit, key: 0,
                                              score: score.score, z: score.z, count: score.count))
            }
        }
        let sorted = responses.sorted(by: order)
        return top.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
    }
}
