import Foundation
import GateCore
import GateExplorer
import GateFormats

/// `gatescope-bench pale [demos-dir]`: the share of near-white belt pixels at 120×40 after 60 steps
/// on the text, reber, adding and brackets demos, in both colour scalings (docs/benchmarks.md).
func runBeltPaleness(arguments: [String]) throws {
    let directory = arguments.first ?? "demos"
    let catalogPath = (directory as NSString).appendingPathComponent("catalog.tsv")
    guard let data = FileManager.default.contents(atPath: catalogPath), let text = String(data: data, encoding: .utf8) else {
        print("pale: no demos/ directory at \(directory)")
        return
    }
    let catalog = DemoCatalog(parsing: text, directory: directory)
    print("belt pale share (every channel ≥ \(BeltPaleness.paleChannel)), 120×40 truecolor, cursor at step 60:")
    var sums: [ValueScaling: Double] = [:]
    let names = ["text", "reber", "adding", "brackets"]
    for name in names {
        guard let entry = catalog.entry(named: name), let inputPath = entry.inputPath else {
            print("  \(name): not in the catalogue")
            continue
        }
        let network = try ModelImporter.load(path: entry.modelPath)
        let sequence = try SequenceLoader.load(path: inputPath, for: network)
        let trace = try network.run(sequence.input, tokens: sequence.tokens)
        let run = ExplorerRun(name: entry.name, title: entry.title, trace: trace, network: network,
                              vocabulary: network.vocabulary)
        var line = "  \(name):"
        for scaling in ValueScaling.allCases {
            var state = ExplorerState(run: run)
            if state.valueScaling != scaling {
                _ = state.apply(ExplorerCommand.toggleValueScaling, viewport: ExplorerViewport(unitsPerPage: 1, focusTargets: []))
            }
            state.move(to: 59)
            let share = BeltPaleness.share(of: state)
            let cell = BeltPaleness.share(of: state, series: state.panels.first { $0.isState }?.series)
            sums[scaling, default: 0] += share
            line += " \(scaling.label) \(format2(share * 100)) % (c alone \(format2(cell * 100)) %)"
        }
        print(line)
    }
    print("  average: " + ValueScaling.allCases.map { "\($0.label) \(format2((sums[$0] ?? 0) / Double(names.count) * 100)) %" }
        .joined(separator: ", "))
}
