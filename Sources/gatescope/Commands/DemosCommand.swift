import GateCanvas
import ArgumentParser
import GateExplorer

/// `gatescope demos`: the trained demos shipped in demos/ (read from demos/catalog.tsv).
struct DemosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demos",
        abstract: "List the trained demos; open one with `gatescope explore --demo NAME`.",
        discussion: "The list is demos/catalog.tsv (found through $GATESCOPE_DEMOS, next to the executable, or above the current directory)."
    )

    @Flag(name: .long, help: "Print the catalog's tab-separated lines (name, title, model, input, story).")
    var tsv = false

    func run() throws {
        try reportingErrors {
            guard let catalog = DemoCatalog.locate(), !catalog.entries.isEmpty else {
                throw UserError("no demos found: no demos/catalog.tsv next to the executable or above this directory (set GATESCOPE_DEMOS)")
            }
            if tsv {
                for e in catalog.entries {
                    print([e.name, e.title, e.modelPath, e.inputPath ?? "-", e.story].joined(separator: "\t"))
                }
                return
            }
            let width = catalog.entries.map(\.name.count).max() ?? 0
            print("Demos in \(catalog.directory):")
            for e in catalog.entries {
                print("  " + e.name + String(repeating: " ", count: width - e.name.count + 2) + e.title)
                print("  " + String(repeating: " ", count: width + 2) + e.story)
            }
            print("Open one with: gatescope explore --demo NAME")
        }
    }
}
