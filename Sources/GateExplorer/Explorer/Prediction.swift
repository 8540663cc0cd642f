import GateCanvas
import Foundation
import GateCore

/// What the head says at one step: the likeliest next tokens (softmax of the logits, or the head's own
/// softmax or sigmoid probabilities as they are) for text models and classifiers, or the predicted values
/// beside their targets for series.
public struct Prediction: Sendable, Equatable {
    /// Token strings with probabilities, likeliest first (text models).
    public var topTokens: [(token: String, probability: Float)]
    /// Predicted values (series models; the first few outputs).
    public var values: [Float]
    /// Targets for the same outputs, when known.
    public var targets: [Float]
    /// True when the head picks one of several named classes (not the next token).
    public var isClassifier: Bool

    /// Class names from the model's `outputs` metadata when the head is a classifier over them
    /// (more than one output, not a regression), else nil.
    static func classLabels(run: ExplorerRun, count: Int) -> [String]? {
        guard count > 1, let metadata = run.network?.metadata, let outputs = metadata["outputs"],
              metadata["metric"] != "mse", run.vocabulary?.count != count else { return nil }
        let labels = outputs.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return labels.count == count ? labels : nil
    }

    /// The prediction at `step`, or nil when the run has no head output.
    public init?(run: ExplorerRun, step: Int, count: Int = 3) {
        guard let output = run.trace.output, step >= 0, step < output.rows else { return nil }
        let row = output.row(step)
        let classes = Self.classLabels(run: run, count: row.count)
        if let labels = classes ?? run.vocabulary.flatMap({ $0.count == row.count && row.count > 1 ? $0 : nil }) {
            let probabilities = Self.probabilities(row, activation: run.headActivation)
            let ranked = probabilities.indices.sorted {
                probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
            }
            topTokens = ranked.prefix(count).map { (ExplorerRun.printable(labels[$0]), probabilities[$0]) }
            isClassifier = classes != nil
            values = []
            targets = []
        } else {
            isClassifier = false
            topTokens = []
            values = Array(row.prefix(count))
            if let targetMatrix = run.targets, step < targetMatrix.rows {
                targets = Array(targetMatrix.row(step).prefix(count))
            } else {
                targets = []
            }
        }
    }

    /// Per output, its probability: the row itself when the head already gave probabilities (softmax,
    /// sigmoid: each output its own), else the softmax of the row taken as logits.
    static func probabilities(_ row: [Float], activation: HeadActivation) -> [Float] {
        if activation.givesProbabilities { return row }
        var values = row
        values.withUnsafeMutableBufferPointer { HeadActivation.softmax.apply(to: $0, rows: 1, columns: row.count) }
        return values
    }

    /// The likeliest token (text models).
    public var best: String? { topTokens.first?.token }

    public static func == (a: Prediction, b: Prediction) -> Bool {
        a.values == b.values && a.isClassifier == b.isClassifier && a.targets == b.targets && a.topTokens.map(\.token) == b.topTokens.map(\.token)
            && a.topTokens.map(\.probability) == b.topTokens.map(\.probability)
    }

    /// "next ) 50% ( 50%" or "predicts 0.53 · target 0.55".
    public func summary(decimals: Int = 2) -> String {
        if !topTokens.isEmpty {
            return (isClassifier ? "says " : "next ") + topTokens.map { "\($0.token) \(NumberFormat.percent($0.probability))" }
                .joined(separator: "  ")
        }
        var text = "predicts " + values.map { NumberFormat.fixed($0, decimals) }.joined(separator: " ")
        if !targets.isEmpty { text += " · target " + targets.map { NumberFormat.fixed($0, decimals) }.joined(separator: " ") }
        return text
    }
}
