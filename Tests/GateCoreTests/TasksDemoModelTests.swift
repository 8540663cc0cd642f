import GateCore
import GateFormats
import Testing

/// Every shipped demo model reaches the held-out metric its README and metadata state.
@Suite struct TasksDemoModelTests {
    static let demos: String = {
        let file = #filePath
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/demos"
    }()

    /// (model path under demos/, task name, whether it meets the task's goal).
    static let models: [(String, String, Bool)] = [
        ("brackets/model.safetensors", "brackets", true),
        ("brackets/model-gru.safetensors", "brackets", true),
        ("brackets/model-rnn.safetensors", "brackets", false),
        ("adding/model.safetensors", "adding", true),
        ("adding/model-gru.safetensors", "adding", true),
        ("adding/model-rnn.safetensors", "adding", false),
        ("temporal-order/model.safetensors", "temporal-order", true),
        ("reber/model.safetensors", "reber", true),
        ("reber/model-gru.safetensors", "reber", true),
        ("sine/model.safetensors", "sine", true),
        ("text/model.safetensors", "text", true),
        ("series/model.safetensors", "series", true),
        ("brackets-bidir/model.safetensors", "brackets", true),
        ("brackets-stacked/model.safetensors", "brackets", true),
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

    @Test(arguments: 0..<14)
    func shippedModelMeetsItsStatedMetric(index: Int) throws {
        let (path, name, meetsGoal) = Self.models[index]
        let network = try ModelImporter.load(path: Self.demos + "/" + path)
        let file = try SafeTensors(path: Self.demos + "/" + path)
        #expect(file.metadata["task"] == name)
        let stated = try #require(Double(file.metadata["metric_value"] ?? ""))
        let metric = try Self.task(name).evaluate(network)
        #expect(metric.key == file.metadata["metric"])
        #expect(abs(metric.value - stated) <= 1e-6 * max(1, abs(stated)), "\(path): measured \(metric.value), stated \(stated)")
        #expect(metric.meetsGoal == meetsGoal, "\(path): \(metric.summary)")
    }

    @Test func catalogListsEveryModelAndInput() throws {
        let text = String(decoding: try FileBytes.read(path: Self.demos + "/catalog.tsv"), as: UTF8.self)
        // ConvLSTM demos have their own metric test (ConvLSTMDemoTests).
        let lines = text.split(separator: "\n").dropFirst().filter { !$0.contains("\tconvlstm-") }
        #expect(lines.count == Self.models.count)
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 5, "\(line)")
            #expect(Self.models.contains { $0.0 == fields[2] }, "\(fields[2]) is not tested")
            _ = try FileBytes.read(path: Self.demos + "/" + fields[3])
        }
    }
}
