import GateCore

/// The rows of a trace written to temporary files as they come (one per tensor, rows appended in
/// order), then copied into a trace file with ``write(metadata:to:)``: a recording of any length is
/// never held in memory, and its length need not be known when it starts (the trace file's header,
/// which names every tensor's row count, is written last). Annotation tracks, one value per step,
/// are the only part kept in memory.
public final class TraceSpool {
    /// One tensor of the trace and its spool file.
    private struct Spooled {
        /// Tensor name in the trace file (`input`, `l0.forget_gate`, `output`, `tokens`).
        let name: String
        /// Values per row.
        let columns: Int
        /// The rows so far.
        let file: TemporaryFile
    }

    /// Where spool files go.
    public let directory: String
    /// The tensors, once the first rows have named them.
    private var tensors: [Spooled] = []
    /// The first rows, none kept (layers, series and widths every later append must match).
    public private(set) var template: NetworkTrace?
    /// Annotation tracks of the rows so far (the input is a placeholder of no columns).
    private var annotated = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
    /// Rows appended.
    public private(set) var steps = 0

    /// A spool whose files go to `directory` (the temporary directory when nil).
    public init(directory: String? = nil) {
        self.directory = directory ?? OutputTarget.temporaryDirectory()
    }

    deinit { discard() }

    /// The tensors of `rows` as the trace file names them, with their values.
    static func tensors(of rows: NetworkTrace) -> [(name: String, matrix: Matrix)] {
        var result: [(String, Matrix)] = [("input", rows.input)]
        for layer in rows.layers {
            for (name, matrix) in layer.series.sorted(by: { $0.key < $1.key }) { result.append(("\(layer.key).\(name)", matrix)) }
        }
        if let output = rows.output { result.append(("output", output)) }
        if let tokens = rows.tokens { result.append(("tokens", Matrix(rows: tokens.count, columns: 1, values: tokens.map(Float.init)))) }
        return result
    }

    /// Appends `rows` (the same layers, series and widths as the first rows appended).
    public func append(_ rows: NetworkTrace) throws {
        let parts = Self.tensors(of: rows)
        if template == nil {
            template = rows.slice(0..<0)
            tensors = try parts.map { part in
                Spooled(name: part.name, columns: part.matrix.columns,
                        file: try TemporaryFile(finalPath: "\(directory)/gatescope-recording-spool"))
            }
        }
        guard parts.count == tensors.count, zip(parts, tensors).allSatisfy({ $0.name == $1.name && $0.matrix.columns == $1.columns }),
              parts.allSatisfy({ $0.matrix.rows == rows.steps }) else {
            throw FormatError("cannot record: these rows have other series than the recording's first rows; start a new recording (r)")
        }
        for (part, tensor) in zip(parts, tensors) where !part.matrix.values.isEmpty {
            try part.matrix.values.withUnsafeBytes { try tensor.file.write(buffer: $0, at: steps * tensor.columns * 4) }
        }
        if !rows.annotations.isEmpty || !annotated.annotations.isEmpty {
            var marks = NetworkTrace(input: Matrix(rows: rows.steps, columns: 0), layers: [])
            marks.annotations = rows.annotations
            annotated.appendSteps(marks)
        }
        annotated.input = Matrix(rows: steps + rows.steps, columns: 0)
        steps += rows.steps
    }

    /// Writes the rows so far as a trace file at `path` (atomically) with `metadata` (its step count
    /// set to the rows'); the spool stays, so a failed write can be tried again elsewhere.
    public func write(metadata: TraceMetadata, to path: String) throws {
        var metadata = metadata
        metadata.steps = steps
        var encoded = metadata.encoded.filter { !TraceAnnotations.isAnnotationKey($0.key) }
        encoded.merge(TraceAnnotations.metadata(annotated.annotations)) { _, new in new }
        let marks = TraceAnnotations.tensors(annotated.annotations)
        let layouts = tensors.map { StreamingSafeTensorsWriter.TensorLayout(name: $0.name, rows: steps, columns: $0.columns) }
            + marks.map { StreamingSafeTensorsWriter.TensorLayout(name: $0.name, rows: steps, columns: 1) }
        let writer = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: encoded)
        do {
            // A block of rows at a time: memory stays flat whatever the length.
            var block = [Float](repeating: 0, count: 1 << 18)
            for tensor in tensors where tensor.columns > 0 {
                guard let index = writer.tensorIndex(named: tensor.name) else { continue }
                let rowsPerBlock = max(1, block.count / tensor.columns)
                var row = 0
                while row < steps {
                    let count = min(rowsPerBlock, steps - row)
                    try block.withUnsafeMutableBytes { raw in
                        let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[0 ..< count * tensor.columns * 4])
                        try tensor.file.read(into: bytes, at: row * tensor.columns * 4)
                    }
                    try block.withUnsafeBufferPointer {
                        try writer.append(rows: UnsafeBufferPointer(rebasing: $0[0 ..< count * tensor.columns]), toTensor: index)
                    }
                    row += count
                }
            }
            for (name, values) in marks {
                guard let index = writer.tensorIndex(named: name) else { continue }
                try values.withUnsafeBufferPointer { try writer.append(rows: $0, toTensor: index) }
            }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Deletes the spool files.
    public func discard() {
        for tensor in tensors { tensor.file.discard() }
        tensors = []
    }
}
