extension ZipArchive {
    /// Where the central directory lies and how many members it lists.
    struct Directory {
        /// Offset of the first central-directory header.
        let offset: Int
        /// Bytes of central directory.
        let size: Int
        /// Members listed.
        let count: Int
    }

    /// Finds the end of central directory record (and its ZIP64 form when fields overflow) and
    /// checks that the directory it points to lies inside the file before the record.
    static func locateDirectory(_ reader: LittleEndianBytes, source: String?) throws -> Directory {
        let fileSize = reader.bytes.count
        func fail(_ message: String) -> FormatError { FormatError(message, source: source) }
        guard fileSize >= 22 else {
            throw fail("is \(fileSize) bytes, too short for a zip archive (at least 22); the file is truncated")
        }
        // The record is 22 bytes plus a comment of up to 65535; prefer a record whose comment ends the file.
        var record: Int?
        var loose: Int?
        var position = fileSize - 22
        let lowest = max(0, fileSize - 22 - 65535)
        while position >= lowest {
            if reader.bytes[position] == 0x50, reader.u32(position) == 0x0605_4B50 {
                let commentLength = Int(reader.u16(position + 20))
                if position + 22 + commentLength == fileSize { record = position; break }
                if loose == nil, position + 22 + commentLength <= fileSize { loose = position }
            }
            position -= 1
        }
        guard let eocd = record ?? loose else {
            throw fail("has no zip end-of-central-directory record; the archive is truncated or not a zip: download or save it again")
        }
        let diskNumber = reader.u16(eocd + 4)
        let directoryDisk = reader.u16(eocd + 6)
        var entriesOnDisk = UInt64(reader.u16(eocd + 8))
        var count = UInt64(reader.u16(eocd + 10))
        var size = UInt64(reader.u32(eocd + 12))
        var offset = UInt64(reader.u32(eocd + 16))
        var recordStart = eocd
        let overflowed = entriesOnDisk == 0xFFFF || count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF
        if eocd >= 20, reader.u32(eocd - 20) == 0x0706_4B50 {
            let locatorDisks = reader.u32(eocd - 20 + 16)
            guard locatorDisks <= 1 else {
                throw fail("is a multi-part zip (\(locatorDisks) disks); join the parts into one archive first")
            }
            guard let zip64 = Int(exactly: reader.u64(eocd - 20 + 8)), reader.contains(zip64, 56),
                  zip64 + 56 <= eocd - 20, reader.u32(zip64) == 0x0606_4B50 else {
                throw fail("has a ZIP64 locator that points outside the file; the archive is corrupt or truncated")
            }
            guard reader.u32(zip64 + 16) == 0, reader.u32(zip64 + 20) == 0 else {
                throw fail("is a multi-part zip; join the parts into one archive first")
            }
            entriesOnDisk = reader.u64(zip64 + 24)
            count = reader.u64(zip64 + 32)
            size = reader.u64(zip64 + 40)
            offset = reader.u64(zip64 + 48)
            recordStart = zip64
        } else if overflowed {
            throw fail("needs a ZIP64 end record that is missing; the archive is truncated or corrupt")
        } else if diskNumber != 0 || directoryDisk != 0 {
            throw fail("is a multi-part zip (disk \(diskNumber)); join the parts into one archive first")
        }
        guard entriesOnDisk == count else {
            throw fail("is a multi-part zip (\(entriesOnDisk) of \(count) members on this part); join the parts into one archive first")
        }
        guard let start = Int(exactly: offset), let length = Int(exactly: size), let members = Int(exactly: count),
              start <= recordStart, length <= recordStart - start else {
            throw fail("has a central directory (\(size) bytes at offset \(offset)) outside the file's \(fileSize) bytes; the archive is truncated or corrupt")
        }
        // Each central header takes at least 46 bytes, so the directory's size bounds the member count.
        guard members <= length / 46 else {
            throw fail("claims \(count) members in a \(size)-byte central directory; the archive is corrupt")
        }
        return Directory(offset: start, size: length, count: members)
    }

    /// Reads the `directory.count` central headers, resolving ZIP64 extra fields.
    static func readDirectory(_ reader: LittleEndianBytes, _ directory: Directory, source: String?) throws -> [ZipEntry] {
        func fail(_ message: String) -> FormatError { FormatError(message, source: source) }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.count)
        var position = directory.offset
        let end = directory.offset + directory.size
        for index in 0..<directory.count {
            guard position <= end - 46, reader.u32(position) == 0x0201_4B50 else {
                throw fail("central directory entry \(index + 1) of \(directory.count) is missing or damaged; the archive is corrupt")
            }
            let flags = reader.u16(position + 8)
            let method = reader.u16(position + 10)
            let crc = reader.u32(position + 16)
            var compressed = UInt64(reader.u32(position + 20))
            var uncompressed = UInt64(reader.u32(position + 24))
            let nameLength = Int(reader.u16(position + 28))
            let extraLength = Int(reader.u16(position + 30))
            let commentLength = Int(reader.u16(position + 32))
            let startDisk = reader.u16(position + 34)
            var localOffset = UInt64(reader.u32(position + 42))
            let variable = nameLength + extraLength + commentLength
            guard variable <= end - position - 46 else {
                throw fail("central directory entry \(index + 1) runs past the directory's end; the archive is corrupt")
            }
            let nameStart = position + 46
            let name = decodeName(reader.bytes[nameStart..<(nameStart + nameLength)])
            guard flags & 1 == 0 else {
                throw fail("member '\(printable(name))' is encrypted; gatescope cannot read password-protected archives: save it without a password")
            }
            // ZIP64 extra field (id 1): the 8-byte values replace, in order, each 32-bit field set to all ones.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = reader.u16(extra)
                let length = Int(reader.u16(extra + 2))
                guard length <= extraEnd - extra - 4 else {
                    throw fail("member '\(printable(name))' has an extra field that runs past its header; the archive is corrupt")
                }
                if id == 1 {
                    var field = extra + 4
                    let fieldEnd = field + length
                    for slot in [0, 1, 2] {
                        let needed = slot == 0 ? uncompressed == 0xFFFF_FFFF
                            : slot == 1 ? compressed == 0xFFFF_FFFF : localOffset == 0xFFFF_FFFF
                        guard needed else { continue }
                        guard field + 8 <= fieldEnd else {
                            throw fail("member '\(printable(name))' has a ZIP64 field too short for its sizes; the archive is corrupt")
                        }
                        let value = reader.u64(field)
                        if slot == 0 { uncompressed = value } else if slot == 1 { compressed = value } else { localOffset = value }
                        field += 8
                    }
                }
                extra += 4 + length
            }
            guard startDisk == 0 || startDisk == 0xFFFF else {
                throw fail("member '\(printable(name))' lies on disk \(startDisk) of a multi-part zip; join the parts into one archive first")
            }
            guard let compressedSize = Int(exactly: compressed), let uncompressedSize = Int(exactly: uncompressed),
                  let offset = Int(exactly: localOffset), compressedSize <= directory.offset,
                  offset <= directory.offset - compressedSize else {
                throw fail("member '\(printable(name))' claims \(compressed) bytes at offset \(localOffset), outside the archive's data; the archive is truncated or corrupt")
            }
            if method == 8 {
                let ceiling = compressedSize.multipliedReportingOverflow(by: maximumInflationRatio)
                guard ceiling.overflow || uncompressedSize <= ceiling.partialValue + 64 else {
                    throw fail("member '\(printable(name))' claims to inflate \(compressedSize) bytes to \(uncompressedSize), more than deflate can; the archive is corrupt or a zip bomb")
                }
            }
            entries.append(ZipEntry(name: name, method: method, crc32: crc, compressedSize: compressedSize,
                                    uncompressedSize: uncompressedSize, localHeaderOffset: offset, flags: flags))
            position = nameStart + variable
        }
        return entries
    }
}
