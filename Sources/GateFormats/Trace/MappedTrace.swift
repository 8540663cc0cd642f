import GateCore
import Synchronization

/// A trace file mapped into memory: opening reads only the header; rows are read when asked for.
/// For replaying traces too large to load (millions of steps).
public final class MappedTrace: TraceSource {
    /// The mapped file.
    public let file: MappedSafeTensors
    /// The file's metadata.
    public let metadata: TraceMetadata
    /// Number of timesteps.
    public let steps: Int
    /// The layers and directions recorded.
    public let recordedLayers: [TraceLayerInfo]
    /// Features per input step.
    public let inputWidth: Int
    /// Width of the head's output.
    public let outputWidth: Int?
    /// Token ids, when the trace has them (read at open; one number per step).
    public let tokens: [Int]?
    /// Tensor names outside the trace layout.
    public let otherTensors: [String]
    /// The annotation tracks (read at open; one value per step each).
    public let annotations: [AnnotationTrack]
    /// Bytes read since the mapping's pages were last released.
    private let bytesSinceRelease = Atomic<Int>(0)
    /// Bytes read between releases of resident pages (see ``MappedSafeTensors/releaseResidentPages()``).
    public static let releaseInterval = 32 << 20

    /// Maps the trace at `path` and validates its layout.
    public init(path: String) throws {
        try TraceLayout.rejectModel(path: path)
        let file = try MappedSafeTensors(path: path)
        let layout = try TraceLayout(header: file.header, source: path)
        self.file = file
        self.metadata = layout.metadata
        self.steps = layout.steps
        self.recordedLayers = layout.layers
        self.inputWidth = layout.inputWidth
        self.outputWidth = layout.outputWidth
        self.otherTensors = layout.otherTensors
        self.tokens = layout.hasTokens ? try TraceFile.tokenIds(try file.tensor(named: "tokens").floats(), source: path) : nil
        self.annotations = try TraceAnnotations.read(metadata: layout.metadata.extra, steps: layout.steps, source: path) { name in
            file.header.entry(named: name) == nil ? nil : try file.tensor(named: name).floats()
        }
    }

    /// Rows of the input.
    public func input(rows: Range<Int>) throws -> Matrix {
        try matrix("input", columns: inputWidth, rows: rows)
    }

    /// Rows of the head's output.
    public func output(rows: Range<Int>) throws -> Matrix? {
        guard let outputWidth else { return nil }
        return try matrix("output", columns: outputWidth, rows: rows)
    }

    /// Rows of one series.
    public func series(_ name: String, layer: Int, reverse: Bool, rows: Range<Int>) throws -> Matrix {
        guard let info = layerInfo(layer, reverse: reverse) else {
            throw FormatError("has no layer \(layer)\(reverse ? " reverse" : ""); it has \(recordedLayers.map(\.key).joined(separator: ", "))", source: file.path)
        }
        guard let width = info.seriesWidths[name] else {
            throw FormatError("has no series '\(name)' in \(info.key); it has \(info.seriesNames.joined(separator: ", "))", source: file.path)
        }
        return try matrix("\(info.key).\(name)", columns: width, rows: rows)
    }

    private func matrix(_ name: String, columns: Int, rows: Range<Int>) throws -> Matrix {
        let values = try file.rows(of: name, range: rows)
        let total = bytesSinceRelease.add(values.count * 4, ordering: .relaxed).newValue
        if total >= Self.releaseInterval {
            bytesSinceRelease.store(0, ordering: .relaxed)
            file.releaseResidentPages()
        }
        return Matrix(rows: rows.count, columns: columns, values: values)
    }
}
