import ArgumentParser
import Foundation
import GateCore
import GateExplorer
import GateFormats

/// `gatescope units`: which units respond to which input tokens (or annotation labels / tracks).
struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "Find what units do: the units that respond most to each input token (or annotation).",
        discussion: """
            For each layer, direction, unit and token: score = the series' mean at the steps whose input is \
            that token minus its mean at all other steps (in the series' own units); z = Welch's t, score / \
            √(s²_in/n_in + s²_out/n_out); count = the token's steps. Tokens are listed in vocabulary order, \
            each with its top units by |score|.
            --by annotation NAME: a label column of the trace's (or --annotate's) annotations is scored like \
            tokens; a numeric column gives each unit's Pearson correlation r with z = atanh(r)·√(n−3).
            Numeric (non-token) inputs have no tokens: use --by annotation.
            Examples:
              gatescope units trace.safetensors --series c --top 3
              gatescope units --model m.safetensors --text "hello (world)" --json
            """
    )

    @Argument(help: "The trace file (from `gatescope record`); or give --model/--demo with an input instead. With --by annotation, then the annotation's name.")
    var arguments: [String] = []

    @Option(name: .long, help: "The series: h c f i o g (LSTM: hidden, cell, forget, input, output, candidate); r z n h (GRU); h (RNN).")
    var series: String = "h"

    @Option(name: .long, help: "token (default), or annotation NAME.")
    var by: String = "token"

    @Option(name: .long, parsing: .unconditional, help: "Units listed per token (or per label).")
    var top: Int = 5

    @Option(name: .long, help: "Rank units by |score| (default) or by |z| (significance: favours consistent responses over large ones).")
    var rank: String = "score"

    @Option(name: .long, help: "Only these tokens (repeatable), e.g. --key . --key '('.")
    var key: [String] = []

    @Option(name: .long, help: "Annotation tracks for the input: a CSV with a header row, one row per step.")
    var annotate: String?

    @Flag(name: .long, help: "Print a JSON array of {layer, direction, unit, key, score, z, count} (layer and unit from 1).")
    var json = false

    @OptionGroup var source: ModelSourceOptions

    func run() throws {
        try reportingErrors {
            guard top > 0 else { throw UserError("--top must be at least 1, not \(top)") }
            guard ["score", "z"].contains(rank) else { throw UserError("--rank must be score or z, not '\(rank)'") }
            let byAnnotation: Bool
            switch by.lowercased() {
            case "token", "tokens": byAnnotation = false
            case "annotation", "annotations": byAnnotation = true
            default: throw UserError("--by must be token or annotation (then the annotation's name), not '\(by)'")
            }
            let (tracePath, annotationName) = try splitArguments(byAnnotation: byAnnotation)
            let (loaded, seriesName) = try loadTrace(path: tracePath)
            let trace = loaded.trace
            let table: UnitsTable
            if let annotationName {
                table = try annotationTable(trace: trace, tracks: loaded.annotations, name: annotationName, series: seriesName)
            } else {
                table = try tokenTable(trace: trace, vocabulary: loaded.vocabulary, series: seriesName)
            }
            print(json ? table.json() : table.text(seriesLetter: series.lowercased(), seriesName: seriesName, trace: trace), terminator: json ? "\n" : "")
        }
    }

    /// How units are ranked within a key.
    var order: @Sendable (UnitResponse, UnitResponse) -> Bool {
        if rank == "z" { return { UnitResponse.moreSignificantFirst($0, $1) } }
        return { UnitResponse.strongerFirst($0, $1) }
    }

    /// The trace path (nil with --model/--demo) and the annotation name.
    func splitArguments(byAnnotation: Bool) throws -> (trace: String?, annotation: String?) {
        var rest = arguments
        var annotation: String?
        if byAnnotation {
            guard rest.count >= (source.isGiven ? 1 : 2) else {
                throw UserError("--by annotation needs the annotation's name: gatescope units \(source.isGiven ? "--model M --text …" : "TRACE") --by annotation NAME")
            }
            // The name follows `--by annotation`; a trace may stand before or after it.
            if !source.isGiven, rest.count == 2, FileManager.default.fileExists(atPath: rest[1]),
               !FileManager.default.fileExists(atPath: rest[0]) {
                annotation = rest.removeFirst()
            } else {
                annotation = rest.removeLast()
            }
        }
        if source.isGiven {
            guard rest.isEmpty else { throw UserError("give a trace file or --model/--demo with an input, not both ('\(rest[0])')") }
            return (nil, annotation)
        }
        guard rest.count == 1 else {
            if rest.isEmpty { throw UserError("give a trace file (gatescope units trace.safetensors) or --model FILE with --input/--text") }
            throw UserError("one trace at a time; got \(rest.count): \(rest.joined(separator: ", "))")
        }
        if source.anyGiven { throw UserError("--input, --text and the import options need --model or --demo; a trace already holds its run") }
        return (rest[0], annotation)
    }

    /// What the units are scored on: the run, its vocabulary and annotations.
    struct Loaded {
        var trace: NetworkTrace
        var vocabulary: [String]?
        var annotations: [AnnotationTrack]
    }

    /// The series `--series` names for `kind`.
    func seriesName(for kind: CellKind) throws -> String {
        guard let name = SeriesLetter.series(named: series, for: kind) else {
            let letters = SeriesLetter.letters(for: kind).map(\.letter).joined(separator: " ")
            throw UserError("this \(kind.displayName) has no series '\(series)'; use one of: \(letters)")
        }
        return name
    }

    /// Reads the chosen series of every layer from the trace (mapped: nothing else is read), or runs
    /// the model; adds --annotate's tracks. Returns the run and the series' name.
    func loadTrace(path: String?) throws -> (Loaded, String) {
        var loaded: Loaded
        let name: String
        if let path {
            let mapped = try MappedTrace(path: path)
            guard mapped.steps > 0, !mapped.recordedLayers.isEmpty else { throw UserError("\(path): the trace holds no steps") }
            name = try seriesName(for: mapped.cellKind)
            let rows = 0..<mapped.steps
            let layers = try mapped.recordedLayers.filter { $0.seriesWidths[name] != nil }.map { info in
                LayerTrace(layer: info.layer, isReverse: info.isReverse, kind: info.kind,
                           series: [name: try mapped.series(name, layer: info.layer, reverse: info.isReverse, rows: rows)])
            }
            let trace = NetworkTrace(input: Matrix(rows: mapped.steps, columns: 0), tokens: mapped.tokens, layers: layers)
            loaded = Loaded(trace: trace, vocabulary: mapped.metadata.vocabulary, annotations: mapped.annotations)
        } else {
            let run = try source.run()
            name = try seriesName(for: run.network.kind)
            loaded = Loaded(trace: run.trace, vocabulary: run.network.vocabulary, annotations: [])
        }
        if let annotate {
            let tracks = try AnnotationFile.read(path: annotate, steps: loaded.trace.steps)
            loaded.annotations.removeAll { old in tracks.contains { $0.name == old.name } }
            loaded.annotations += tracks
        }
        return (loaded, name)
    }

    /// Scores by input token.
    func tokenTable(trace: NetworkTrace, vocabulary: [String]?, series: String) throws -> UnitsTable {
        guard let tokens = trace.tokens else {
            throw UserError("this input is numeric (no tokens), so there is nothing to group steps by; use --by annotation NAME with an annotation track (--annotate FILE.csv)")
        }
        let keyCount = max(vocabulary?.count ?? 0, (tokens.max() ?? -1) + 1)
        let names = (0..<keyCount).map { id in vocabulary.flatMap { id < $0.count ? $0[id] : nil } ?? "#\(id)" }
        let responses = trace.unitResponses(series: series, keys: tokens, keyCount: keyCount, top: top, order: order)
        return UnitsTable(kindLabel: "token", keyNames: names, numeric: false, responses: try filtered(responses, names: names))
    }

    /// The responses to the keys asked for with --key (all when none was).
    func filtered(_ responses: [UnitResponse], names: [String]) throws -> [UnitResponse] {
        guard !key.isEmpty else { return responses }
        for wanted in key where !names.contains(wanted) {
            throw UserError("no \(by.lowercased() == "token" ? "token" : "label") '\(wanted)' here\(ClosestName.hint(for: wanted, among: names))")
        }
        let wanted = Set(key)
        return responses.filter { $0.key < names.count && wanted.contains(names[$0.key]) }
    }

    /// Scores by annotation: labels like tokens, numbers by correlation.
    func annotationTable(trace: NetworkTrace, tracks: [AnnotationTrack], name: String, series: String) throws -> UnitsTable {
        guard let track = tracks.first(where: { $0.name == name }) else {
            if tracks.isEmpty { throw UserError("this run has no annotations; add them with --annotate FILE.csv (a header row, one row per step)") }
            let names = tracks.map(\.name)
            throw UserError("no annotation called '\(name)'\(ClosestName.hint(for: name, among: names)); the annotations are: \(names.joined(separator: ", "))")
        }
        switch track.values {
        case .numbers(let values):
            return UnitsTable(kindLabel: "annotation", keyNames: [name], numeric: true,
                              responses: trace.unitCorrelations(series: series, values: values, top: top, order: order))
        case .labels(let labels):
            let (keys, names) = AnnotationTrack.keys(of: labels)
            let responses = trace.unitResponses(series: series, keys: keys, keyCount: names.count, top: top, order: order)
            return UnitsTable(kindLabel: "label", trackName: name, keyNames: names, numeric: false,
                              responses: try filtered(responses, names: names))
        }
    }
}
