#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file mapped into memory with `mmap`: opening reads only the header, and tensor
/// data is paged in lazily as rows are asked for. Suited to million-step traces.
///
/// The mapping is read-only and private, so one instance may be shared between threads.
/// The file stays open: before every read its size and modification time are checked against
/// those seen at open (``checkUnchanged()``), so a file overwritten or truncated in place
/// (`cp other.safetensors open.safetensors`) gives a thrown ``FormatError`` instead of a fault.
/// A change that lands between that check and the read can still fault (SIGBUS); the command
/// line turns that into a one-line error too. A file replaced by rename (as ``SafeTensorsWriter``
/// and ``StreamingSafeTensorsWriter`` publish) is safe: the mapping keeps the old file.
public final class MappedSafeTensors: @unchecked Sendable {
    /// The validated header.
    public let header: SafeTensorsHeader
    /// The file path.
    public let path: String
    private let base: UnsafeRawPointer?
    private let mappedLength: Int
    /// The open file, kept for ``checkUnchanged()``.
    private let descriptor: Int32
    /// The file's identity when mapped.
    private let identity: MappedFileIdentity

    /// Maps `path` and validates its header.
    public init(path: String) throws {
        self.path = path
        let descriptor = try FileBytes.openForReading(path: path)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw FileBytes.systemError("cannot stat", path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw FormatError("is not a regular file; pass the path of a file", source: path)
        }
        let length = Int(info.st_size)
        var mapping: UnsafeRawPointer? = nil
        if length > 0 {
            let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
            guard let address, address != MAP_FAILED else {
                close(descriptor)
                throw FileBytes.systemError("cannot mmap", path: path)
            }
            mapping = UnsafeRawPointer(address)
        }
        do {
            let file = UnsafeRawBufferPointer(start: mapping, count: length)
            let headerLength = try SafeTensorsHeader.headerLength(prefix: UnsafeRawBufferPointer(rebasing: file.prefix(8)), fileLength: length, source: path)
            let json = Array(UnsafeRawBufferPointer(rebasing: file[8..<(8 + headerLength)]))
            self.header = try SafeTensorsHeader.parse(json: json, fileLength: length, source: path)
        } catch {
            if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping), length) }
            close(descriptor)
            throw error
        }
        self.base = mapping
        self.mappedLength = length
        self.descriptor = descriptor
        self.identity = MappedFileIdentity(info)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), mappedLength) }
        close(descriptor)
    }

    /// Throws when the file was changed in place since it was mapped (another size, or another
    /// modification time): reading the mapping then would show other data or fault.
    public func checkUnchanged() throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileBytes.systemError("cannot stat", path: path) }
        let now = MappedFileIdentity(info)
        guard now != identity else { return }
        let how = now.size != identity.size ? "its size went from \(identity.size) to \(now.size) bytes" : "it was rewritten (same size)"
        throw FormatError("changed on disk while open (\(how)); it was overwritten in place, open it again (write traces to a new name, or replace them by rename)", source: path)
    }

    /// Drops the mapping's pages from this process's resident set (`madvise(MADV_DONTNEED)`); they
    /// stay in the page cache, so later reads refault them cheaply. Called by ``MappedTrace`` as it
    /// reads, so scrubbing a multi-gigabyte trace keeps resident memory flat.
    public func releaseResidentPages() {
        guard let base, mappedLength > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), mappedLength, MADV_DONTNEED)
    }

    /// The `__metadata__` map.
    public var metadata: [String: String] { header.metadata }

    /// Tensor names in data order.
    public var names: [String] { header.entries.map(\.name) }

    /// Rows `range` of the 2-D tensor `name` (shape `[T, H]`), converted to `Float`, row-major:
    /// `range.count * H` values. Only the pages holding those rows are read from disk.
    /// Any element type is accepted; F32 is copied without conversion.
    public func rows(of name: String, range: Range<Int>) throws -> [Float] {
        let entry = try matrixEntry(named: name)
        let rowCount = entry.shape[0]
        let columns = entry.shape[1]
        guard range.lowerBound >= 0, range.upperBound <= rowCount else {
            throw FormatError("rows \(range.lowerBound)..<\(range.upperBound) of '\(name)' are outside its \(rowCount) rows; ask for rows within 0..<\(rowCount)", source: path)
        }
        let count = range.count * columns
        guard count > 0, let base else { return [] }
        try checkUnchanged()
        let offset = header.dataStart + entry.dataRange.lowerBound + range.lowerBound * columns * entry.dtype.byteCount
        return FloatConversion.floats(from: base + offset, count: count, dtype: entry.dtype)
    }

    /// The number of rows and columns of the 2-D tensor `name`.
    public func matrixShape(of name: String) throws -> (rows: Int, columns: Int) {
        let entry = try matrixEntry(named: name)
        return (entry.shape[0], entry.shape[1])
    }

    /// The whole tensor `name`, copied out of the mapping.
    public func tensor(named name: String) throws -> Tensor {
        let entry = try entry(named: name)
        var bytes: [UInt8] = []
        if let base, entry.dataRange.count > 0 {
            try checkUnchanged()
            let start = header.dataStart + entry.dataRange.lowerBound
            bytes = Array(UnsafeRawBufferPointer(start: base + start, count: entry.dataRange.count))
        }
        return try Tensor(name: entry.name, dtype: entry.dtype, shape: entry.shape, bytes: bytes)
    }

    private func entry(named name: String) throws -> SafeTensorsEntry {
        guard let entry = header.entry(named: name) else {
            throw FormatError("has no tensor '\(name)' (it has: \(SafeTensors.listNames(names))); check the tensor name", source: path)
        }
        return entry
    }

    private func matrixEntry(named name: String) throws -> SafeTensorsEntry {
        let entry = try entry(named: name)
        guard entry.shape.count == 2 else {
            throw FormatError("tensor '\(name)' has shape \(entry.shape), but rows can only be read from a 2-D [T, H] tensor", source: path)
        }
        return entry
    }
}
