// libFuzzer target: ZipArchive and FileKind. Any input must parse or throw FormatError; every member of
// an accepted archive must read back to exactly its declared size (or throw), and sniffing never traps.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = FileKind.of(bytes: bytes)
    guard let archive = try? ZipArchive(bytes: bytes, source: "fuzz.zip", maximumEntrySize: 1 << 20) else { return 0 }
    for entry in archive.entries {
        precondition(archive.entry(named: entry.name) == entry, "lookup by name differs")
        if let contents = try? archive.data(of: entry) {
            precondition(contents.count == entry.uncompressedSize, "member size differs from its header")
        }
    }
    _ = FileKind.of(zip: archive)
    return 0
}
