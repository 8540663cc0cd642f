/// Writes a safetensors file of 2-D F32 tensors row by row, for traces too long to hold in memory.
///
/// safetensors needs the header before the data, so every tensor's shape `[T, H]` — including
/// the number of rows `T` — must be known when the writer is opened. The writer then computes all
/// offsets, writes the header into a temporary file next to the destination, and each
/// ``append(row:to:)`` goes to its precomputed position (buffered, written with `pwrite`).
/// ``finish()`` checks that every row of every tensor was written, fsyncs and renames the file
/// into place, so a reader never sees a partial trace. `T` must be exact: if a recording stops
/// early, call ``discard()`` (or let the writer go) and the destination is left untouched.
///
/// Tensors are laid out in the reference writer's order (by name; all are F32).
public final class StreamingSafeTensorsWriter {
    /// Bytes buffered per tensor before a `pwrite`.
    private static let bufferLimit = 1 << 18

    private struct Slot {
        let layout: TensorLayout
        let fileOffset: Int
        var rowsWritten = 0
        var pending: [UInt8] = []
        var pendingStartRow = 0
        /// Whether rows were written at a given row (``write(rows:toTensor:atRow:)``), after which
        /// appending is refused (an append would go after the rows counted, not after the rows placed).
        var placed = false
    }

    /// Destination path.
    public let path: String
    private let file: TemporaryFile
    private var slots: [Slot]
    private let slotByName: [String: Int]
    private var finished = false

    /// Opens a temporary file next to `path` and writes the header for `tensors` and `metadata`.
    public init(path: String, tensors: [TensorLayout], metadata: [String: String] = [:]) throws {
        var seen = Set<String>()
        for layout in tensors {
            guard layout.name != "__metadata__" else {
                throw FormatError("a tensor cannot be called '__metadata__' (the name is reserved for metadata); rename it", source: path)
            }
            guard seen.insert(layout.name).inserted else {
                throw FormatError("tensor '\(layout.name)' is listed twice; tensor names must be unique", source: path)
            }
            guard layout.rows >= 0, layout.columns >= 0,
                  let count = Tensor.elementCount(of: [layout.rows, layout.columns, 4]), count <= Int(Int64.max / 2) else {
                throw FormatError("tensor '\(layout.name)' has an invalid size \(layout.rows)×\(layout.columns); use non-negative sizes", source: path)
            }
        }
        let ordered = tensors.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        let header = SafeTensorsWriter.headerBytes(
            entries: ordered.map { ($0.name, TensorDType.f32, [$0.rows, $0.columns], $0.rows * $0.columns * 4) },
            metadata: metadata)
        self.path = path
        self.file = try TemporaryFile(finalPath: path)
        var prefix: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { prefix.append(contentsOf: $0) }
        prefix.append(contentsOf: header)
        var slots: [Slot] = []
        var offset = prefix.count
        for layout in ordered {
            slots.append(Slot(layout: layout, fileOffset: offset))
            offset += layout.rows * layout.columns * 4
        }
        self.slots = slots
        var slotByName: [String: Int] = [:]
        for (index, slot) in slots.enumerated() { slotByName[slot.layout.name] = index }
        self.slotByName = slotByName
        try file.write(prefix, at: 0)
        try file.setLength(offset)
    }

    /// Appends the next row of tensor `name`. `row.count` must equal the tensor's column count.
    public func append(row: [Float], to name: String) throws {
        guard !finished else { throw FormatError("append after finish(); open a new writer", source: path) }
        guard let index = slotByName[name] else {
            throw FormatError("has no tensor '\(name)' (declared: \(SafeTensors.listNames(slots.map(\.layout.name)))); declare every tensor when opening the writer", source: path)
        }
        let layout = slots[index].layout
        guard row.count == layout.columns else {
            throw FormatError("row for '\(name)' has \(row.count) values, the tensor has \(layout.columns) columns; pass whole rows", source: path)
        }
        guard !slots[index].placed else {
            throw FormatError("tensor '\(name)' was written at given rows; keep to write(rows:toTensor:atRow:) for it", source: path)
        }
        guard slots[index].rowsWritten < layout.rows else {
            throw FormatError("tensor '\(name)' already has all \(layout.rows) rows; declare a larger row count when opening the writer", source: path)
        }
        #if _endian(little)
        row.withUnsafeBytes { slots[index].pending.append(contentsOf: $0) }
        #else
        for value in row {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { slots[index].pending.append(contentsOf: $0) }
        }
        #endif
        slots[index].rowsWritten += 1
        if slots[index].pending.count >= StreamingSafeTensorsWriter.bufferLimit {
            try flush(slot: index)
        }
    }

    /// The position of tensor `name` for ``append(rows:toTensor:)`` (looked up once, not per row), or nil.
    public func tensorIndex(named name: String) -> Int? {
        slotByName[name]
    }

    /// Appends the next `rows.count / columns` rows of the tensor at `index` with one `pwrite` at
    /// their final offset: no copy, no per-row work. `rows.count` must be a whole number of rows.
    public func append(rows: UnsafeBufferPointer<Float>, toTensor index: Int) throws {
        guard !finished else { throw FormatError("append after finish(); open a new writer", source: path) }
        guard slots.indices.contains(index) else {
            throw FormatError("has no tensor number \(index) (there are \(slots.count)); use tensorIndex(named:)", source: path)
        }
        let layout = slots[index].layout
        let count = layout.columns == 0 ? 0 : rows.count / layout.columns
        guard layout.columns == 0 ? rows.isEmpty : rows.count % layout.columns == 0 else {
            throw FormatError("\(rows.count) values for '\(layout.name)' are not whole rows of \(layout.columns); pass whole rows", source: path)
        }
        guard !slots[index].placed else {
            throw FormatError("tensor '\(layout.name)' was written at given rows; keep to write(rows:toTensor:atRow:) for it", source: path)
        }
        guard slots[index].rowsWritten + count <= layout.rows else {
            throw FormatError("tensor '\(layout.name)' would get \(slots[index].rowsWritten + count) of its \(layout.rows) rows; declare a larger row count when opening the writer", source: path)
        }
        // Rows buffered by append(row:) go first, so the two ways of appending can be mixed.
        try flush(slot: index)
        let offset = slots[index].fileOffset + slots[index].rowsWritten * layout.columns * 4
        try write(floats: rows, at: offset)
        slots[index].rowsWritten += count
        slots[index].pendingStartRow = slots[index].rowsWritten
    }

    /// Writes `rows` (whole rows) as rows `row`, `row` + 1, … of the tensor at `index`, with one `pwrite`
    /// at their final offset, in any order: for series computed from their end (a reverse-reading
    /// direction). Each row must be written once; a tensor written this way takes no appends.
    public func write(rows: UnsafeBufferPointer<Float>, toTensor index: Int, atRow row: Int) throws {
        guard !finished else { throw FormatError("write after finish(); open a new writer", source: path) }
        guard slots.indices.contains(index) else {
            throw FormatError("has no tensor number \(index) (there are \(slots.count)); use tensorIndex(named:)", source: path)
        }
        let layout = slots[index].layout
        guard layout.columns == 0 ? rows.isEmpty : rows.count % layout.columns == 0 else {
            throw FormatError("\(rows.count) values for '\(layout.name)' are not whole rows of \(layout.columns); pass whole rows", source: path)
        }
        let count = layout.columns == 0 ? 0 : rows.count / layout.columns
        guard slots[index].rowsWritten == 0 || slots[index].placed else {
            throw FormatError("tensor '\(layout.name)' was appended to; keep to appending for it", source: path)
        }
        guard row >= 0, row + count <= layout.rows, slots[index].rowsWritten + count <= layout.rows else {
            throw FormatError("rows \(row)..<\(row + count) of '\(layout.name)' are outside its \(layout.rows) rows or written twice", source: path)
        }
        let offset = slots[index].fileOffset + row * layout.columns * 4
        try write(floats: rows, at: offset)
        slots[index].placed = true
        slots[index].rowsWritten += count
    }

    /// Reads rows `row`, `row` + 1, … of the tensor at `index` back from the file into `values` (whole
    /// rows, already written): a layer above reads the one below this way instead of holding it.
    public func read(rowsOf index: Int, atRow row: Int, into values: UnsafeMutableBufferPointer<Float>) throws {
        guard !finished else { throw FormatError("read after finish(); read the finished file instead", source: path) }
        guard slots.indices.contains(index) else {
            throw FormatError("has no tensor number \(index) (there are \(slots.count)); use tensorIndex(named:)", source: path)
        }
        let layout = slots[index].layout
        guard layout.columns > 0, values.count % layout.columns == 0, row >= 0,
              row + values.count / layout.columns <= layout.rows else {
            throw FormatError("cannot read \(values.count) values at row \(row) of '\(layout.name)' (\(layout.rows) × \(layout.columns)); read whole rows inside it", source: path)
        }
        try flush(slot: index)
        guard !values.isEmpty else { return }
        try file.read(into: UnsafeMutableRawBufferPointer(values), at: slots[index].fileOffset + row * layout.columns * 4)
        #if !_endian(little)
        for k in values.indices { values[k] = Float(bitPattern: UInt32(littleEndian: values[k].bitPattern)) }
        #endif
    }

    /// Writes `values` as little-endian floats at file offset `offset` (one `pwrite` on little-endian machines).
    private func write(floats values: UnsafeBufferPointer<Float>, at offset: Int) throws {
        #if _endian(little)
        try file.write(buffer: UnsafeRawBufferPointer(values), at: offset)
        #else
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        try file.write(bytes, at: offset)
        #endif
    }

    /// Rows appended so far to tensor `name` (0 for an unknown name).
    public func rowsWritten(to name: String) -> Int {
        slotByName[name].map { slots[$0].rowsWritten } ?? 0
    }

    private func flush(slot index: Int) throws {
        let slot = slots[index]
        guard !slot.pending.isEmpty else { return }
        let offset = slot.fileOffset + slot.pendingStartRow * slot.layout.columns * 4
        try file.write(slot.pending, at: offset)
        slots[index].pending.removeAll(keepingCapacity: true)
        slots[index].pendingStartRow = slot.rowsWritten
    }

    /// Checks that every row was written, then flushes, fsyncs and renames the file into place.
    public func finish() throws {
        guard !finished else { return }
        for slot in slots where slot.rowsWritten != slot.layout.rows {
            throw FormatError("tensor '\(slot.layout.name)' has \(slot.rowsWritten) of its \(slot.layout.rows) rows; append every row before finish(), or discard()", source: path)
        }
        for index in slots.indices { try flush(slot: index) }
        try file.commit()
        finished = true
    }

    /// Abandons the file: the temporary file is deleted and `path` is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        file.discard()
    }
}
