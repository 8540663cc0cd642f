import GateCanvas
import GateCore

/// Per-unit statistics of one layer and direction over the whole run: what makes a unit interesting.
public struct UnitStatistics: Sendable {
    /// Hidden units.
    public let unitCount: Int
    /// Per gate series, per unit: the fraction of steps with the gate below 0.1 or above 0.9.
    public let saturation: [String: [Float]]
    /// Per unit: the mean of the gate that keeps memory (f for LSTM, z for GRU); nil for RNN.
    public let meanKeep: [Float]?
    /// Per unit: the variance of the hidden state over time (how much the unit does).
    public let activity: [Float]
    /// Per series: the largest absolute value, for scaling unbounded signed series (c, relu h).
    public let largestMagnitude: [String: Float]
    /// Per signed series, per unit: the unit's own colour range, the 98th percentile of |value| over
    /// the run (robust to a few spikes), never below 1/50 of the series' largest |value| (so a silent
    /// unit's noise does not fill the scale).
    public let unitMagnitude: [String: [Float]]

    /// The percentile of |value| that sets a unit's own colour range.
    public static let unitRangePercentile: Float = 0.98

    /// Computes the statistics of `layer`.
    public init(layer: LayerTrace) {
        let units = layer.hiddenSize
        unitCount = units
        var saturation: [String: [Float]] = [:]
        var largest: [String: Float] = [:]
        var perUnit: [String: [Float]] = [:]
        for panel in PanelKind.panels(for: layer.kind) {
            guard let matrix = layer.series[panel.series] else { continue }
            var magnitude: Float = 0
            for value in matrix.values where value.isFinite { magnitude = max(magnitude, abs(value)) }
            largest[panel.series] = magnitude
            if panel.isSigned {
                perUnit[panel.series] = Self.unitRanges(matrix, floor: max(1e-6, magnitude / 50))
            }
            guard !panel.isSigned, matrix.rows > 0 else { continue }
            var counts = [Int](repeating: 0, count: matrix.columns)
            for t in 0..<matrix.rows {
                let base = t * matrix.columns
                for j in 0..<matrix.columns {
                    let value = matrix.values[base + j]
                    if value < 0.1 || value > 0.9 { counts[j] += 1 }
                }
            }
            saturation[panel.series] = counts.map { Float($0) / Float(matrix.rows) }
        }
        self.saturation = saturation
        self.largestMagnitude = largest
        self.unitMagnitude = perUnit

        let keepSeries: String? = switch layer.kind {
        case .lstm: SeriesName.forgetGate
        case .gru: SeriesName.updateGate
        case .rnnTanh, .rnnRelu: nil
        }
        if let keepSeries, let matrix = layer.series[keepSeries], matrix.rows > 0 {
            meanKeep = (0..<matrix.columns).map { j in
                var sum: Double = 0
                for t in 0..<matrix.rows { sum += Double(matrix.values[t * matrix.columns + j]) }
                return Float(sum / Double(matrix.rows))
            }
        } else {
            meanKeep = nil
        }

        let hidden = layer.hidden
        activity = (0..<min(units, hidden.columns)).map { j in
            guard hidden.rows > 0 else { return 0 }
            var sum: Double = 0, squares: Double = 0
            for t in 0..<hidden.rows {
                let value = Double(hidden.values[t * hidden.columns + j])
                sum += value
                squares += value * value
            }
            let mean = sum / Double(hidden.rows)
            return Float(max(0, squares / Double(hidden.rows) - mean * mean))
        } + [Float](repeating: 0, count: max(0, units - hidden.columns))
    }

    /// Per column of `matrix`: the `unitRangePercentile` of its finite |values|, at least `floor`.
    static func unitRanges(_ matrix: Matrix, floor: Float) -> [Float] {
        guard matrix.rows > 0 else { return [Float](repeating: floor, count: matrix.columns) }
        var column = [Float](repeating: 0, count: matrix.rows)
        return (0..<matrix.columns).map { j in
            var count = 0
            for t in 0..<matrix.rows {
                let value = matrix.values[t * matrix.columns + j]
                if value.isFinite { column[count] = abs(value); count += 1 }
            }
            guard count > 0 else { return floor }
            column[0..<count].sort()
            let rank = min(count - 1, Int((Float(count - 1) * unitRangePercentile).rounded(.up)))
            return max(floor, column[rank])
        }
    }

    /// The memory time constant τ = −1/ln(mean f) in steps: how long the unit remembers.
    /// Infinite when the gate never lets go (mean 1); nil for cells without a keep gate.
    public func memoryTimeConstant(unit: Int) -> Float? {
        guard let meanKeep, unit >= 0, unit < meanKeep.count else { return nil }
        let keep = meanKeep[unit]
        if keep >= 1 { return .infinity }
        if keep <= 0 { return 0 }
        return -1 / Activation.log(keep)
    }

    /// The mean saturation over the unit's gates (nil when the cell has no gates).
    public func overallSaturation(unit: Int) -> Float? {
        let values = saturation.values.compactMap { unit < $0.count ? $0[unit] : nil }
        guard !values.isEmpty else { return nil }
        return values.reduce(0, +) / Float(values.count)
    }
}
