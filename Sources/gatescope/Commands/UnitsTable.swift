import GateCore
import GateExplorer
import GateFormats

/// The result of `gatescope units`, printed as a readable table or as JSON.
struct UnitsTable {
    /// What the keys are ("token" or "label").
    var kindLabel: String
    /// The annotation track scored, when not tokens.
    var trackName: String? = nil
    /// Key names by key id (raw token text).
    var keyNames: [String]
    /// Whether the scores are correlations with a numeric track.
    var numeric: Bool
    /// The responses, grouped by key, strongest first.
    var responses: [UnitResponse]

    /// The JSON array `[{"layer", "direction", "unit", "key", "score", "z", "count"}, …]`, layer and unit from 1.
    func json() -> String {
        let objects = responses.map { response in
            let key = response.key < keyNames.count ? keyNames[response.key] : "#\(response.key)"
            return "{\"layer\":\(response.layer + 1),\"direction\":\"\(response.isReverse ? "reverse" : "forward")\","
                + "\"unit\":\(response.unit + 1),\"key\":\(JSONText.quoted(key)),"
                + "\"score\":\(JSONText.number(response.score)),\"z\":\(JSONText.number(response.z)),\"count\":\(response.count)}"
        }
        return objects.isEmpty ? "[]" : "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]"
    }

    /// The table for people: one block per key, its units strongest first.
    func text(seriesLetter: String, seriesName: String, trace: NetworkTrace) -> String {
        var lines: [String] = []
        let directions = trace.layers.contains { $0.isReverse } ? " × 2 directions" : ""
        let layerCount = Set(trace.layers.map(\.layer)).count
        lines.append("series \(seriesLetter) (\(seriesName)) · \(layerCount) layer\(layerCount == 1 ? "" : "s")\(directions) · \(trace.steps) steps")
        if numeric {
            lines.append("score = Pearson r with the track; z = atanh(r)·√(n−3)")
        } else {
            lines.append("score = mean at the \(kindLabel)'s steps − mean at all other steps; z = Welch's t")
        }
        guard !responses.isEmpty else {
            lines.append("no scores: every \(kindLabel) occurs at every step or at none")
            return lines.joined(separator: "\n") + "\n"
        }
        let needsReverse = trace.layers.contains { $0.isReverse }
        let unitDigits = String(trace.layers.compactMap { $0.series.values.first?.columns }.max() ?? 1).count
        var currentKey = -1
        for response in responses {
            if response.key != currentKey {
                currentKey = response.key
                let name = response.key < keyNames.count ? keyNames[response.key] : "#\(response.key)"
                let steps = numeric ? "\(response.count) steps with a value" : "\(response.count) step\(response.count == 1 ? "" : "s")"
                lines.append("")
                if let trackName, !numeric {
                    lines.append("\(Self.visible(trackName)) = '\(Self.visible(name))' (\(steps))")
                } else {
                    lines.append("\(numeric ? "annotation" : kindLabel) '\(Self.visible(name))' (\(steps))")
                }
            }
            let arrow = needsReverse ? (response.isReverse ? " ←" : " →") : ""
            let unit = String(response.unit + 1)
            let padded = String(repeating: " ", count: max(0, unitDigits - unit.count)) + unit
            lines.append("  layer \(response.layer + 1)\(arrow)  unit \(padded)  \(Self.signed(response.score))  z \(Self.signed(response.z, decimals: 1))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "+0.812" / "−0.410".
    static func signed(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return "   n/a" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 1e15 else { return value < 0 ? "−huge" : "+huge" }
        let whole = Int(rounded) / Int(scale), fraction = Int(rounded) % Int(scale)
        let digits = String(fraction)
        let text = "\(whole).\(String(repeating: "0", count: max(0, decimals - digits.count)))\(digits)"
        return (value < 0 && rounded > 0 ? "−" : "+") + text
    }

    /// A token made safe and visible for the terminal: whitespace stand-ins, control characters escaped.
    static func visible(_ token: String) -> String {
        let shown = ExplorerRun.printable(token)
        var out = ""
        for scalar in shown.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format && scalar.value < 0x2000 {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
