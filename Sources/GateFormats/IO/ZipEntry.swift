/// One member of a ``ZipArchive`` as its central directory describes it (ZIP64 sizes resolved).
public struct ZipEntry: Equatable, Sendable {
    /// The member's path inside the archive (`archive/data.pkl`), decoded as UTF-8.
    public let name: String
    /// The compression method: 0 stored, 8 deflated (the only two gatescope reads).
    public let method: UInt16
    /// The CRC-32 of the uncompressed bytes.
    public let crc32: UInt32
    /// Bytes the member occupies in the archive.
    public let compressedSize: Int
    /// Bytes the member holds once inflated.
    public let uncompressedSize: Int
    /// Where the member's local header starts in the archive.
    public let localHeaderOffset: Int
    /// The general-purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor).
    public let flags: UInt16
}
