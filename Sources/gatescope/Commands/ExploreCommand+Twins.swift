import GateCanvas
import GateCore
import GateExplorer
import GateFormats

extension ExploreCommand {
    /// The runs for `--compare a,b,c` or `--demo X --twins`, all on the first one's input (or
    /// `--text`); nil when neither was asked for.
    func makeTwinRuns() throws -> [ExplorerRun]? {
        guard compare != nil || twins else { return nil }
        let catalog = try DemoCatalog.require()
        var names: [String]
        if let compare {
            names = compare.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            guard let demo else { throw UserError("--twins needs --demo NAME (for example --demo brackets --twins)") }
            var base = demo
            for suffix in ["-gru", "-rnn", "-lstm"] where base.hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
            names = [base, base + "-lstm", base + "-gru", base + "-rnn"].filter { catalog.entry(named: $0) != nil }
            guard names.count > 1 else {
                throw UserError("'\(demo)' has no GRU or RNN twin in the catalogue (try brackets, adding or reber)")
            }
        }
        guard names.count >= 2 else { throw UserError("--compare needs at least two demos, separated by commas") }
        let entries = try names.map { name -> DemoCatalogEntry in
            guard let entry = catalog.entry(named: name) else {
                throw UserError("no demo called '\(name)'\(ClosestName.hint(for: name, among: catalog.entries.map(\.name))); the demos are: \(catalog.entries.map(\.name).joined(separator: ", "))")
            }
            return entry
        }
        let inputPath = entries[0].inputPath
        return try entries.map { entry in
            let network = try ModelImporter.load(path: entry.modelPath)
            return try Self.run(network: network, name: entry.name, title: entry.title,
                                story: entry.story.isEmpty ? nil : entry.story,
                                inputPath: text == nil ? inputPath : nil, text: text)
        }
    }
}
