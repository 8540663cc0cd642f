#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Which units respond to which keys: the statistics behind `gatescope units` and the explorer's
/// "top tokens" and "units for this token".
///
/// For a key k (a token id, or an annotation label) and a unit j of a series x (T × H):
/// score = mean of x_j over the steps whose key is k − mean of x_j over all other steps (steps with no
/// key count as "other"), in the series' own units. z is Welch's statistic: score / √(s²_in/n_in +
/// s²_out/n_out), with sample variances (n − 1 in the denominator); a group of a single step borrows
/// the other group's variance, and the standard error is floored at 10⁻⁶ so z stays finite when a unit
/// is constant in both groups. Keys that occur at no step, or at every step, get no score.
///
/// For a numeric track v: score = Pearson's r between x_j and v over the steps where v is finite, and
/// z = atanh(r)·√(n − 3) (Fisher), 0 when n ≤ 3 or either side is constant.
public enum UnitSelectivity {
    /// Smallest standard error used for z.
    public static let standardErrorFloor = 1e-6

    /// Scores of every unit of `series` for every key: result[k][j] for key k and unit j, nil for a key
    /// that occurs at no step or at every step. `keys[t]` is the key of step t (−1 or any value
    /// outside 0..<keyCount: none).
    public static func byKey(_ series: Matrix, keys: [Int], keyCount: Int) -> [[KeyScore]?] {
        var result = [[KeyScore]?](repeating: nil, count: max(0, keyCount))
        let steps = min(series.rows, keys.count), width = series.columns
        guard keyCount > 0, steps > 0, width > 0 else { return result }
        // Only keys that occur get sums (a word vocabulary may have 10⁵ entries).
        var dense = [Int: Int]()
        var occurring: [Int] = []
        let compact = keys.prefix(steps).map { key -> Int in
            guard key >= 0, key < keyCount else { return -1 }
            if let index = dense[key] { return index }
            dense[key] = occurring.count
            occurring.append(key)
            return occurring.count - 1
        }
        // Shift by each unit's mean so the sums of squares stay accurate.
        var mean = [Double](repeating: 0, count: width)
        for t in 0..<steps { for j in 0..<width { mean[j] += Double(series[t, j]) } }
        for j in 0..<width { mean[j] /= Double(steps) }
        var total = [Double](repeating: 0, count: width), totalSquares = [Double](repeating: 0, count: width)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: width), count: occurring.count)
        var squares = sums
        var counts = [Int](repeating: 0, count: occurring.count)
        for t in 0..<steps {
            let key = compact[t]
            if key >= 0 { counts[key] += 1 }
            for j in 0..<width {
                let x = Double(series[t, j]) - mean[j]
                total[j] += x
                totalSquares[j] += x * x
                if key >= 0 {
                    sums[key][j] += x
                    squares[key][j] += x * x
                }
            }
        }
        for (index, key) in occurring.enumerated() {
            let nIn = counts[index], nOut = steps - nIn
            guard nIn > 0, nOut > 0 else { continue }
            result[key] = (0..<width).map { j in
                let meanIn = sums[index][j] / Double(nIn)
                let meanOut = (total[j] - sums[index][j]) / Double(nOut)
                var varIn = nIn > 1 ? max(0, (squares[index][j] - Double(nIn) * meanIn * meanIn) / Double(nIn - 1)) : -1
                let outSquares = totalSquares[j] - squares[index][j]
                var varOut = nOut > 1 ? max(0, (outSquares - Double(nOut) * meanOut * meanOut) / Double(nOut - 1)) : -1
                if varIn < 0 { varIn = max(0, varOut) }
                if varOut < 0 { varOut = max(0, varIn) }
                let difference = meanIn - meanOut
                let error = max(standardErrorFloor, (varIn / Double(nIn) + varOut / Double(nOut)).squareRoot())
                return KeyScore(score: difference, z: difference / error, count: nIn)
            }
        }
        return result
    }

    /// Pearson correlation of every unit of `series` with the track `values` (one per step; NaN for
    /// none), with Fisher's z.
    public static func correlation(_ series: Matrix, values: [Float]) -> [KeyScore] {
        let steps = min(series.rows, values.count), width = series.columns
        let rows = (0..<steps).filter { values[$0].isFinite }
        let n = rows.count
        guard n > 1 else { return Array(repeating: KeyScore(score: 0, z: 0, count: n), count: width) }
        let meanV = rows.reduce(0.0) { $0 + Double(values[$1]) } / Double(n)
        let varV = rows.reduce(0.0) { let d = Double(values[$1]) - meanV; return $0 + d * d }
        return (0..<width).map { j in
            let meanX = rows.reduce(0.0) { $0 + Double(series[$1, j]) } / Double(n)
            var covariance = 0.0, varX = 0.0
            for t in rows {
                let dx = Double(series[t, j]) - meanX
                covariance += dx * (Double(values[t]) - meanV)
                varX += dx * dx
            }
            guard varX > 0, varV > 0 else { return KeyScore(score: 0, z: 0, count: n) }
            let r = max(-1, min(1, covariance / (varX * varV).squareRoot()))
            return KeyScore(score: r, z: fisherZ(r, count: n), count: n)
        }
    }

    /// atanh(r)·√(n − 3), kept finite (|r| is capped just below 1); 0 when n ≤ 3.
    static func fisherZ(_ r: Double, count: Int) -> Double {
        guard count > 3 else { return 0 }
        return atanh(max(-0.999_999, min(0.999_999, r))) * Double(count - 3).squareRoot()
    }
}
