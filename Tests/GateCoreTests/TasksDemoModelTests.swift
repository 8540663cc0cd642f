import Foundation
import GateCore
import GateFormats
import Testing

/// Every shipped demo model meets (or, for the RNN twins, misses) the goal docs/demos.md states, measured
/// here: the test runs the model over the task's held-out sequences (drawn with the task's fixed seed) and
/// scores the outputs itself, without the task's `evaluate` that wrote the metadata.
@Suite struct TasksDemoModelTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static let demos = root + "/demos"

    /// (demo name, model path under demos/, task name).
    static let models: [(String, String, String)] = [
        ("brackets", "brackets/model.safetensors", "brackets"),
        ("brackets-gru", "brackets/model-gru.safetensors", "brackets"),
        ("brackets-rnn", "brackets/model-rnn.safetensors", "brackets"),
        ("adding", "adding/model.safetensors", "adding"),
        ("adding-gru", "adding/model-gru.safetensors", "adding"),
        ("adding-rnn", "adding/model-rnn.safetensors", "adding"),
        ("temporal-order", "temporal-order/model.safetensors", "temporal-order"),
        ("reber", "reber/model.safetensors", "reber"),
        ("reber-gru", "reber/model-gru.safetensors", "reber"),
        ("sine", "sine/model.safetensors", "sine"),
        ("text", "text/model.safetensors", "text"),
        ("series", "series/model.safetensors", "series"),
        ("brackets-bidir", "brackets-bidir/model.safetensors", "brackets"),
        ("brackets-stacked", "brackets-stacked/model.safetensors", "brackets"),
    ]

    static func task(_ name: String) throws -> any TrainingTask {
        if let task = TaskCatalog.syntheticTask(named: name) { return task }
        if name == "text" {
            let bytes = try FileBytes.read(path: demos + "/text/pride-and-prejudice-ch1-3.txt")
            return TextTask(text: String(decoding: bytes, as: UTF8.self))
        }
        let csv = try CSVSequence(path: demos + "/series/sunspots.csv")
        return SeriesTask(values: csv.matrix.column(csv.matrix.columns - 1), column: csv.columnNames?.last ?? "value")
    }

    /// What the gallery table of docs/demos.md says of one demo.
    struct StatedGoal {
        /// True for "≥", false for "≤".
        var atLeast: Bool
        /// The threshold (a fraction for percentages).
        var threshold: Double
        /// ✔ (meets it) or ✘ (misses it, on purpose).
        var met: Bool
    }

    /// The goal docs/demos.md states for `demo`; a row with only ✔ or ✘ takes the goal of the row above.
    static func statedGoal(for demo: String) throws -> StatedGoal {
        let text = String(decoding: try FileBytes.read(path: root + "/docs/demos.md"), as: UTF8.self)
        var last: (atLeast: Bool, threshold: Double)?
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else { continue }
            let goal = cells[4]
            if let match = goal.firstMatch(of: /([≥≤]) ([0-9.e-]+)( %)?/), let number = Double(match.2) {
                last = (match.1 == "≥", match.3 == nil ? number : number / 100)
            }
            guard cells[0] == demo else { continue }
            let stated = try #require(last, "docs/demos.md states no goal above \(demo)'s row")
            return StatedGoal(atLeast: stated.atLeast, threshold: stated.threshold, met: goal.contains("✔"))
        }
        throw ShapeError("docs/demos.md has no gallery row for \(demo)")
    }

    /// The head outputs of `network` over one example, from the trace (the top layer without a head).
    static func outputs(_ network: RecurrentNetwork, _ example: TaskExample) throws -> Matrix {
        let trace = try network.run(example.input, tokens: example.tokens)
        return try #require(trace.output, "the shipped models all have a head")
    }

    /// Indices of `row`'s values, largest first.
    static func ranking(_ row: [Float]) -> [Int] {
        row.indices.sorted { row[$0] > row[$1] }
    }

    /// (predicted, target) at every scored step of value-target examples (one output each).
    static func scoredValues(_ network: RecurrentNetwork, _ examples: [TaskExample]) throws -> [(predicted: Float, target: Float)] {
        var pairs: [(predicted: Float, target: Float)] = []
        for example in examples {
            guard case .values(let target, let mask) = example.target else { throw ShapeError("the task targets values") }
            let out = try outputs(network, example)
            for t in 0..<target.rows where mask[t] { pairs.append((out[t, 0], target[t, 0])) }
        }
        return pairs
    }

    /// The held-out metric, scored here: the fraction right (or the MSE / RMSE ratio for regression tasks).
    static func measure(_ network: RecurrentNetwork, task: any TrainingTask, file: SafeTensors) throws -> Double {
        let examples = task.heldOutExamples()
        #expect(!examples.isEmpty)
        switch task.name {
        case "adding":
            // The fraction of sums predicted "within 0.04" (docs/demos.md).
            let pairs = try scoredValues(network, examples)
            return Double(pairs.filter { abs($0.predicted - $0.target) < 0.04 }.count) / Double(pairs.count)
        case "sine":
            let pairs = try scoredValues(network, examples)
            return pairs.reduce(0.0) { $0 + Double($1.predicted - $1.target) * Double($1.predicted - $1.target) } / Double(pairs.count)
        case "series":
            let series = try #require(task as? SeriesTask)
            let mean = try #require(Double(file.metadata["series_mean"] ?? ""))
            let scale = try #require(Double(file.metadata["series_scale"] ?? ""))
            let split = try #require(Int(file.metadata["series_split"] ?? ""))
            let raw = series.values.map(Double.init)
            let standardised = Matrix(rows: raw.count - 1, columns: 1, values: raw.dropLast().map { Float(($0 - mean) / scale) })
            let trace = try network.run(standardised)
            let out = try #require(trace.output)
            var model = 0.0, persistence = 0.0
            for t in (split - 1)..<(raw.count - 1) {
                let predicted = Double(out[t, 0]) * scale + mean
                model += (predicted - raw[t + 1]) * (predicted - raw[t + 1])
                persistence += (raw[t] - raw[t + 1]) * (raw[t] - raw[t + 1])
            }
            return (model / persistence).squareRoot()
        case "reber":
            var perfect = 0, strings = 0
            for example in examples {
                let tokens = try #require(example.tokens), allowed = try #require(example.allowedNext)
                let out = try outputs(network, example)
                var allRight = true
                for t in tokens.indices {
                    // Right: the |allowed| likeliest symbols are exactly the legal successors.
                    if !allowed[t].isEmpty, Set(ranking(out.row(t)).prefix(allowed[t].count)) != Set(allowed[t]) {
                        allRight = false
                    }
                    // A string ends at an E followed by the next string's B (or by the end of the stream).
                    if tokens[t] == 6, t + 1 == tokens.count || tokens[t + 1] == 0 {
                        strings += 1
                        if allRight { perfect += 1 }
                        allRight = true
                    }
                }
            }
            return Double(perfect) / Double(strings)
        default:
            var right = 0, counted = 0
            for example in examples {
                guard case .classes(let labels) = example.target else { throw ShapeError("\(task.name) targets classes") }
                let out = try outputs(network, example)
                for (t, label) in labels.enumerated() where label >= 0 {
                    counted += 1
                    if ranking(out.row(t)).first == label { right += 1 }
                }
            }
            return Double(right) / Double(counted)
        }
    }

    @Test(arguments: 0..<14)
    func shippedModelMeetsTheGoalItsDocsState(index: Int) throws {
        let (demo, path, name) = Self.models[index]
        let network = try ModelImporter.load(path: Self.demos + "/" + path)
        let file = try SafeTensors(path: Self.demos + "/" + path)
        #expect(file.metadata["task"] == name)
        let goal = try Self.statedGoal(for: demo)
        let measured = try Self.measure(network, task: try Self.task(name), file: file)
        let meets = goal.atLeast ? measured >= goal.threshold : measured <= goal.threshold
        #expect(meets == goal.met, "\(demo): measured \(measured), docs/demos.md says \(goal.atLeast ? "≥" : "≤") \(goal.threshold) \(goal.met ? "✔" : "✘")")
        // The metadata's own figure (what `inspect` shows) agrees with what was measured here.
        let stated = try #require(Double(file.metadata["metric_value"] ?? ""))
        #expect(abs(measured - stated) <= 1e-6 * max(1, abs(stated)), "\(path): measured \(measured), metadata says \(stated)")
    }

    @Test func catalogListsEveryModelAndInput() throws {
        let text = String(decoding: try FileBytes.read(path: Self.demos + "/catalog.tsv"), as: UTF8.self)
        // ConvLSTM demos have their own metric test (ConvLSTMDemoTests).
        let lines = text.split(separator: "\n").dropFirst().filter { !$0.contains("\tconvlstm-") }
        #expect(lines.count == Self.models.count)
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 5, "\(line)")
            #expect(Self.models.contains { $0.0 == fields[0] && $0.1 == fields[2] }, "\(fields[0]) (\(fields[2])) is not tested")
            _ = try FileBytes.read(path: Self.demos + "/" + fields[3])
        }
    }
}
