/// A zip archive held in memory whose members are read by name, with every header field checked.
///
/// Reads what `torch.save`, `torch.jit.save`, Keras 3 and Python's `zipfile` write: members stored or
/// deflated (inflated through zlib), ZIP64 records, data descriptors. Refuses, with one line saying
/// what is wrong: a missing or inconsistent end of central directory, multi-disk and encrypted
/// archives, other compression methods, members that overlap or run past the end, names that differ
/// between the local and central headers, duplicate names, and a CRC-32 mismatch. No allocation is
/// sized by a header field alone: a member's inflated size is capped by ``maximumInflationRatio``
/// times its compressed bytes (which are really in the file) and by the reader's `maximumEntrySize`.
public struct ZipArchive: Sendable {
    /// Deflate cannot expand data more than about 1032 : 1; a larger claimed ratio is a corrupt header.
    public static let maximumInflationRatio = 1032
    /// The default largest member the reader inflates (4 GiB).
    public static let defaultMaximumEntrySize = 1 << 32

    /// The members in central-directory order.
    public let entries: [ZipEntry]
    /// The whole archive.
    let bytes: [UInt8]
    /// The file name for error messages, if any.
    let source: String?
    /// The largest member ``data(of:)`` inflates.
    let maximumEntrySize: Int
    /// Member indices by name.
    private let indexByName: [String: Int]

    /// True when `bytes` starts like a zip archive (a local header or an empty archive's end record).
    public static func hasSignature(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4))
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Reads the archive at `path`.
    public init(path: String, maximumEntrySize: Int = ZipArchive.defaultMaximumEntrySize) throws {
        try self.init(bytes: try FileBytes.read(path: path), source: path, maximumEntrySize: maximumEntrySize)
    }

    /// Parses the central directory of `bytes`; members are checked again when read.
    public init(bytes: [UInt8], source: String? = nil,
                maximumEntrySize: Int = ZipArchive.defaultMaximumEntrySize) throws {
        self.bytes = bytes
        self.source = source
        self.maximumEntrySize = max(0, maximumEntrySize)
        let directory = try ZipArchive.locateDirectory(LittleEndianBytes(bytes: bytes), source: source)
        let entries = try ZipArchive.readDirectory(LittleEndianBytes(bytes: bytes), directory, source: source)
        var indexByName: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            guard indexByName[entry.name] == nil else {
                throw FormatError("holds two members named '\(ZipArchive.printable(entry.name))'; the archive is corrupt: save it again", source: source)
            }
            indexByName[entry.name] = index
        }
        self.entries = entries
        self.indexByName = indexByName
        try checkNoOverlap()
    }

    /// The member called `name`, if any.
    public func entry(named name: String) -> ZipEntry? {
        indexByName[name].map { entries[$0] }
    }

    /// The uncompressed bytes of the member called `name`.
    public func data(named name: String) throws -> [UInt8] {
        guard let entry = entry(named: name) else {
            throw error("has no member '\(ZipArchive.printable(name))'; the archive is incomplete or not the kind expected")
        }
        return try data(of: entry)
    }

    /// The uncompressed bytes of `entry`, checked against its CRC-32.
    public func data(of entry: ZipEntry) throws -> [UInt8] {
        Array(try slice(of: entry))
    }

    /// The uncompressed bytes of `entry`, checked against its CRC-32, without copying a stored member
    /// (the slice shares the archive's buffer; its indices are the archive's, so start at `startIndex`).
    public func slice(of entry: ZipEntry) throws -> ArraySlice<UInt8> {
        let start = try dataStart(of: entry)
        let label = "member '\(ZipArchive.printable(entry.name))'"
        guard entry.uncompressedSize <= maximumEntrySize else {
            throw error("\(label) would inflate to \(entry.uncompressedSize) bytes, more than the \(maximumEntrySize) gatescope reads; the archive is corrupt or not a model")
        }
        let output: ArraySlice<UInt8>
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw error("\(label) is stored but its sizes differ (\(entry.compressedSize) vs \(entry.uncompressedSize)); the archive is corrupt")
            }
            output = bytes[start..<(start + entry.compressedSize)]
        case 8:
            output = ArraySlice(try ZipInflater.inflate(bytes, range: start..<(start + entry.compressedSize),
                                                        expectedCount: entry.uncompressedSize, label: label, source: source))
        default:
            throw error("\(label) uses compression method \(entry.method) (\(ZipArchive.methodName(entry.method))); gatescope reads stored and deflated members only: re-save the archive with ZIP_DEFLATED or ZIP_STORED")
        }
        let crc = ZipInflater.crc32(output)
        guard crc == entry.crc32 else {
            throw error("\(label) fails its CRC-32 check (\(ZipArchive.hex(crc)) instead of \(ZipArchive.hex(entry.crc32))); the file is damaged: download or save it again")
        }
        return output
    }

    /// An error about this archive.
    func error(_ message: String) -> FormatError { FormatError(message, source: source) }

    /// The first byte of `entry`'s data, after checking its local header against the central one.
    private func dataStart(of entry: ZipEntry) throws -> Int {
        let reader = LittleEndianBytes(bytes: bytes)
        let offset = entry.localHeaderOffset
        let label = "member '\(ZipArchive.printable(entry.name))'"
        guard reader.contains(offset, 30), reader.u32(offset) == 0x0403_4B50 else {
            throw error("\(label) has no local header at offset \(offset); the archive is corrupt or truncated")
        }
        let nameLength = Int(reader.u16(offset + 26))
        let extraLength = Int(reader.u16(offset + 28))
        guard reader.contains(offset + 30, nameLength + extraLength) else {
            throw error("\(label)'s local header runs past the end of the file; the archive is truncated")
        }
        let localName = ZipArchive.decodeName(bytes[(offset + 30)..<(offset + 30 + nameLength)])
        guard localName == entry.name else {
            throw error("\(label)'s local header names '\(ZipArchive.printable(localName))'; the archive is corrupt")
        }
        let start = offset + 30 + nameLength + extraLength
        guard reader.contains(start, entry.compressedSize) else {
            throw error("\(label) (\(entry.compressedSize) bytes at offset \(start)) runs past the end of the file (\(bytes.count) bytes); the archive is truncated: download or save it again")
        }
        return start
    }

    /// Refuses members whose byte ranges overlap (a zip bomb's trick) or reach into the directory.
    private func checkNoOverlap() throws {
        let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (first, second) in zip(sorted, sorted.dropFirst()) {
            // The smallest a member can be: its 30-byte header, its name, its data.
            let end = first.localHeaderOffset.addingReportingOverflow(30 + first.name.utf8.count)
            let dataEnd = end.partialValue.addingReportingOverflow(first.compressedSize)
            guard !end.overflow, !dataEnd.overflow, dataEnd.partialValue <= second.localHeaderOffset else {
                throw error("members '\(ZipArchive.printable(first.name))' and '\(ZipArchive.printable(second.name))' overlap; the archive is corrupt or a zip bomb")
            }
        }
    }

    /// `name` with control characters escaped and cut to 120 characters, safe to show on a terminal.
    static func printable(_ name: String) -> String {
        let cut = name.unicodeScalars.count > 120
        let escapedName = escaped(cut ? String(String.UnicodeScalarView(name.unicodeScalars.prefix(120))) : name)
        return cut ? escapedName + "…" : escapedName
    }

    /// `text` with C0/C1 control characters written as `\u{1b}`, so a name read from a file is safe to print.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A member name's bytes as text (UTF-8; invalid bytes become U+FFFD).
    static func decodeName(_ raw: ArraySlice<UInt8>) -> String {
        String(decoding: raw, as: UTF8.self)
    }

    /// `0x1234abcd`.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// The common name of a zip compression method.
    static func methodName(_ method: UInt16) -> String {
        switch method {
        case 9: "deflate64"
        case 12: "bzip2"
        case 14: "lzma"
        case 93: "zstandard"
        case 95: "xz"
        case 99: "AES-encrypted"
        default: "unknown"
        }
    }
}
