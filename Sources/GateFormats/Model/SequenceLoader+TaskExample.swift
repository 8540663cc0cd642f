import GateCore

extension SequenceLoader {
    /// The example input of the built-in task a model was trained on (its metadata `task`, written by
    /// `gatescope train`), the same sequence `train --example-out` writes; nil for other models and
    /// for the data tasks (`text`, `series`), whose examples come from the user's file.
    public static func taskExample(for network: RecurrentNetwork) throws -> LoadedSequence? {
        guard let name = network.metadata["task"], let task = TaskCatalog.syntheticTask(named: name) else { return nil }
        let source = "the \(name) task's example"
        let example = task.demoInput()
        if network.vocabulary != nil { return try text(example, for: network, source: source) }
        let csv = try CSVSequence(text: example, source: source)
        return try numeric(csv.matrix, for: network, source: source, name: source, unit: "columns")
    }
}
