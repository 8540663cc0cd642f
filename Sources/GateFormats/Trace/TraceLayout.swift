import Foundation
import GateCore

/// The structure of a trace file worked out from its header alone: validated metadata, layers,
/// series and their shapes. Shared by the in-memory reader and ``MappedTrace``.
struct TraceLayout: Sendable {
    var metadata: TraceMetadata
    var layers: [TraceLayerInfo]
    var steps: Int
    var inputWidth: Int
    var outputWidth: Int?
    var hasTokens: Bool
    var otherTensors: [String]

    init(header: SafeTensorsHeader, source: String) throws {
        let map = header.metadata
        func fail(_ message: String) -> FormatError { FormatError(message, source: source) }
        if let format = map["format"], format != TraceFile.formatName {
            if format == ModelExporter.formatName {
                throw fail("is a gatescope model, not a trace; pass it as --model to gatescope record")
            }
            throw fail("has format '\(format)', not '\(TraceFile.formatName)'; pass a trace written by gatescope record")
        }
        let version = map["format_version"] ?? TraceFile.formatVersion
        let major = Int(version.prefix { $0 != "." }) ?? -1
        guard major >= 1 else {
            throw fail("has format_version '\(version)', which is not a version number; the file is corrupt")
        }
        guard major <= TraceFile.supportedMajorVersion else {
            throw fail("is a trace of format version \(version), newer than this gatescope reads (\(TraceFile.supportedMajorVersion)); upgrade gatescope")
        }
        guard let inputEntry = header.entry(named: "input") else {
            throw fail("has no 'input' tensor, so it is not a gatescope trace; record one with gatescope record")
        }
        guard inputEntry.shape.count == 2 else {
            throw fail("tensor 'input' has shape \(inputEntry.shape); a trace's input must be [T, X]")
        }
        let steps = inputEntry.shape[0]
        self.steps = steps
        self.inputWidth = inputEntry.shape[1]

        var widths: [TraceTensorName: Int] = [:]
        var keys = Set<[Int]>()
        var other: [String] = []
        var output: Int? = nil
        var hasTokens = false
        for entry in header.entries where entry.name != "input" {
            if entry.name == "output" {
                guard entry.shape.count == 2, entry.shape[0] == steps else {
                    throw fail("tensor 'output' has shape \(entry.shape); expected [\(steps), O] like the input's \(steps) steps")
                }
                output = entry.shape[1]
            } else if entry.name == "tokens" {
                guard entry.shape == [steps] || entry.shape == [steps, 1] else {
                    throw fail("tensor 'tokens' has shape \(entry.shape); expected [\(steps)]")
                }
                hasTokens = true
            } else if let name = TraceTensorName(entry.name) {
                guard entry.shape.count == 2, entry.shape[0] == steps else {
                    throw fail("tensor '\(entry.name)' has shape \(entry.shape); expected [\(steps), H] like the input's \(steps) steps")
                }
                widths[name] = entry.shape[1]
                keys.insert([name.layer, name.reverse ? 1 : 0])
            } else {
                other.append(entry.name)
            }
        }
        guard !keys.isEmpty else {
            throw fail("has no layer tensors ('l0.hidden', …); it is not a gatescope trace")
        }
        let allSeries = Set(widths.keys.map(\.series))
        let kind: CellKind
        if let text = map["cell"] ?? map["kind"] {
            guard let parsed = CellKind(rawValue: text) else {
                throw fail("has cell '\(text)'; expected lstm, gru, rnn_tanh or rnn_relu")
            }
            kind = parsed
        } else if allSeries.contains(SeriesName.inputGate) {
            kind = .lstm
        } else if allSeries.contains(SeriesName.resetGate) {
            kind = .gru
        } else {
            kind = .rnnTanh
        }
        var layers: [TraceLayerInfo] = []
        for key in keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var series: [String: Int] = [:]
            for (name, width) in widths where name.layer == key[0] && name.reverse == (key[1] == 1) {
                series[name.series] = width
            }
            let info = TraceLayerInfo(layer: key[0], isReverse: key[1] == 1, kind: kind, seriesWidths: series)
            guard series[SeriesName.hidden] != nil else {
                throw fail("has no '\(info.key).hidden' tensor; every recorded layer needs its hidden state")
            }
            layers.append(info)
        }
        self.layers = layers
        self.outputWidth = output
        self.hasTokens = hasTokens
        self.otherTensors = other

        func integer(_ key: String, _ fallback: Int) throws -> Int {
            guard let text = map[key] else { return fallback }
            guard let value = Int(text), value >= 0 else { throw fail("metadata '\(key)' is '\(text)', not a count") }
            return value
        }
        let first = layers[0]
        let hidden = first.seriesWidths[kind.seriesNames.first ?? SeriesName.hidden] ?? first.seriesWidths[SeriesName.hidden] ?? 0
        let layerCount = (layers.map(\.layer).max() ?? 0) + 1
        let directions = layers.contains { $0.isReverse } ? 2 : 1
        let projection = kind == .lstm && first.seriesWidths[SeriesName.hiddenBeforeProjection] != nil
            ? (first.seriesWidths[SeriesName.hidden] ?? 0) : 0
        var vocabulary: [String]? = nil
        if let text = map["vocab"] {
            vocabulary = try ModelImporter.parseVocabulary(text, source: source)
        }
        let metadataSteps = try integer("steps", steps)
        guard metadataSteps == steps else {
            throw fail("metadata says \(metadataSteps) steps but 'input' has \(steps) rows; the file is corrupt")
        }
        self.metadata = TraceMetadata(
            formatVersion: version, cell: kind, inputSize: try integer("input_size", inputEntry.shape[1]),
            hiddenSize: try integer("hidden_size", hidden), layers: try integer("layers", layerCount),
            directions: try integer("directions", directions), projectionSize: try integer("proj_size", projection),
            steps: steps, model: map["model"], input: map["input"], vocabulary: vocabulary, network: map["network"],
            gatescopeVersion: map[GatescopeVersion.metadataKey], extra: map.filter { !TraceMetadata.knownKeys.contains($0.key) })
    }
}

extension TraceLayout {
    /// Throws a clear error when `path` is an existing ONNX model, which can never be a trace (read
    /// as safetensors it would fail with a meaningless header length).
    static func rejectModel(path: String) throws {
        guard ONNXImporter.handles(path: path), FileManager.default.fileExists(atPath: path) else { return }
        throw FormatError("is an ONNX model, not a trace; record a trace from it with gatescope record --model \(path) --input FILE --out TRACE.safetensors", source: path)
    }
}
