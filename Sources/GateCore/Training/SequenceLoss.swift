/// The losses training uses, with their gradients with respect to the head's outputs.
public enum SequenceLoss {
    /// The loss of `outputs` (T × O, the head's logits or values) against `target`, and ∂loss/∂outputs.
    ///
    /// Cross-entropy is the mean over counted steps of −log softmax(y_t)[class]; mean squared error is
    /// the mean over counted elements of (y − target)². A target with no counted step has loss 0.
    public static func evaluate(outputs: Matrix, target: TrainingTarget) -> (loss: Double, gradient: Matrix) {
        var gradient = Matrix(rows: outputs.rows, columns: outputs.columns)
        let width = outputs.columns
        switch target {
        case .classes(let classes):
            precondition(classes.count == outputs.rows, "one class per step")
            let counted = classes.filter { $0 >= 0 }.count
            guard counted > 0 else { return (0, gradient) }
            let scale = 1 / Float(counted)
            var total = 0.0
            for (t, label) in classes.enumerated() where label >= 0 {
                precondition(label < width, "class \(label) outside the head's \(width) outputs")
                let base = t * width
                var largest = -Float.infinity
                for k in 0..<width { largest = max(largest, outputs.values[base + k]) }
                var sum: Float = 0
                for k in 0..<width {
                    let e = Activation.exp(outputs.values[base + k] - largest)
                    gradient.values[base + k] = e
                    sum += e
                }
                total += Double(largest + Activation.log(sum) - outputs.values[base + label])
                for k in 0..<width { gradient.values[base + k] = gradient.values[base + k] / sum * scale }
                gradient.values[base + label] -= scale
            }
            return (total / Double(counted), gradient)
        case .values(let values, let mask):
            precondition(values.rows == outputs.rows && values.columns == width && mask.count == outputs.rows,
                         "target values must match the outputs")
            let counted = mask.filter { $0 }.count * width
            guard counted > 0 else { return (0, gradient) }
            let scale = 2 / Float(counted)
            var total = 0.0
            for t in 0..<outputs.rows where mask[t] {
                for k in 0..<width {
                    let index = t * width + k
                    let error = outputs.values[index] - values.values[index]
                    total += Double(error) * Double(error)
                    gradient.values[index] = scale * error
                }
            }
            return (total / Double(counted), gradient)
        }
    }

    /// Softmax of one row of logits.
    public static func softmax(_ logits: [Float]) -> [Float] {
        guard let largest = logits.max() else { return [] }
        let exps = logits.map { Activation.exp($0 - largest) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}
