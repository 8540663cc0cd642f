import Testing
@testable import GateFormats

/// The zip reader against archives written by Python's zipfile (scripts/make_zip_fixtures.py) and
/// damaged copies of them.
@Suite struct ZipArchiveTests {
    /// The members every fixture holds, rebuilt here as the script builds them.
    private let members: [(String, [UInt8])] = [
        ("hello.txt", Array("hello, gates\n".utf8)),
        ("dir/bytes.bin", (0...255).map { UInt8($0) }),
        ("repeat.txt", Array((0..<60).map { "the quick brown fox jumps over the lazy dog \($0)\n" }.joined().utf8)),
    ]

    private func fixture(_ name: String) throws -> [UInt8] {
        try FileBytes.read(path: FormatFixtures.path("../zip/\(name)"))
    }

    /// What Python's zipfile reported for each archive: name, method, size, CRC-32 per member.
    private func expected(_ archive: String) throws -> [(name: String, method: Int, size: Int, crc: Int)] {
        let json = try StrictJSONParser.parse(try fixture("expected.json")).get()
        guard case let .object(archives) = json,
              case let .array(list)? = archives.first(where: { $0.key == archive })?.value else {
            Issue.record("expected.json has no \(archive)")
            return []
        }
        return list.compactMap { item in
            guard case let .object(fields) = item else { return nil }
            func field(_ key: String) -> JSONValue? { fields.first { $0.key == key }?.value }
            guard case let .string(name)? = field("name"), let method = field("method")?.nonNegativeInt,
                  let size = field("size")?.nonNegativeInt, let crc = field("crc32")?.nonNegativeInt else { return nil }
            return (name, method, size, crc)
        }
    }

    private func refusal(_ bytes: [UInt8]) -> String? {
        do {
            let archive = try ZipArchive(bytes: bytes, source: "bad.zip")
            for entry in archive.entries { _ = try archive.data(of: entry) }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: ["stored.zip", "deflated.zip", "descriptor.zip", "zip64.zip"])
    func readsWhatPythonWrote(name: String) throws {
        let archive = try ZipArchive(bytes: try fixture(name), source: name)
        let listed = try expected(name)
        #expect(listed.count == 3)
        #expect(archive.entries.map(\.name) == listed.map(\.name))
        for (entry, python) in zip(archive.entries, listed) {
            #expect(Int(entry.method) == python.method)
            #expect(entry.uncompressedSize == python.size)
            #expect(Int(entry.crc32) == python.crc)
        }
        for (member, contents) in members {
            #expect(try archive.data(named: member) == contents, "\(name): \(member)")
        }
    }

    @Test func emptyArchiveHasNoMembers() throws {
        let archive = try ZipArchive(bytes: try fixture("empty.zip"))
        #expect(archive.entries.isEmpty)
        #expect(ZipArchive.hasSignature(try fixture("empty.zip")))
        #expect(ZipArchive.hasSignature(try fixture("stored.zip")))
        #expect(!ZipArchive.hasSignature(Array("PK\u{1}\u{2}".utf8)))
    }

    @Test func missingMemberIsNamed() throws {
        let archive = try ZipArchive(bytes: try fixture("stored.zip"), source: "m.zip")
        #expect(archive.entry(named: "nope") == nil)
        #expect(throws: FormatError("has no member 'nope'; the archive is incomplete or not the kind expected", source: "m.zip")) {
            try archive.data(named: "nope")
        }
    }

    @Test func otherCompressionMethodsAreRefusedByName() throws {
        let message = refusal(try fixture("bzip2.zip"))
        #expect(message?.contains("compression method 12 (bzip2)") == true, "\(message ?? "accepted")")
    }

    @Test func everyTruncationIsRefused() throws {
        for name in ["stored.zip", "deflated.zip", "descriptor.zip", "zip64.zip"] {
            let bytes = try fixture(name)
            for length in stride(from: 0, to: bytes.count, by: 7) {
                let message = refusal(Array(bytes.prefix(length)))
                #expect(message?.hasPrefix("bad.zip: ") == true, "\(name) cut to \(length): \(message ?? "accepted")")
            }
        }
    }

    @Test func flippedDataFailsTheCRC() throws {
        var bytes = try fixture("stored.zip")
        // "hello, gates" sits right after the first local header (30 bytes) and its 9-byte name.
        bytes[39] ^= 0x20
        #expect(refusal(bytes)?.contains("fails its CRC-32 check") == true)
    }

    @Test func damagedDeflateStreamIsRefused() throws {
        var bytes = try fixture("deflated.zip")
        let archive = try ZipArchive(bytes: bytes)
        let entry = try #require(archive.entry(named: "repeat.txt"))
        let start = entry.localHeaderOffset + 30 + entry.name.utf8.count
        for offset in start..<(start + entry.compressedSize) { bytes[offset] = 0xFF }
        let message = refusal(bytes)
        #expect(message?.contains("repeat.txt") == true, "\(message ?? "accepted")")
    }

    @Test func headerFieldsThatLieAreRefused() throws {
        let bytes = try fixture("deflated.zip")
        let archive = try ZipArchive(bytes: bytes)
        let directory = try ZipArchive.locateDirectory(LittleEndianBytes(bytes: bytes), source: nil)
        func patched(_ offset: Int, _ value: UInt32) -> [UInt8] {
            var copy = bytes
            for index in 0..<4 { copy[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
            return copy
        }
        let first = directory.offset
        // Uncompressed size of the first member: huge (a bomb's claim), then one byte too many.
        #expect(refusal(patched(first + 24, 0xFFFF_FFF0))?.contains("more than deflate can") == true)
        #expect(refusal(patched(first + 24, UInt32(archive.entries[0].uncompressedSize + 1)))?.contains("inflates to") == true)
        // Compressed size running into the central directory; local header offset past the data.
        #expect(refusal(patched(first + 20, 0x00FF_FFFF))?.contains("outside the archive's data") == true)
        #expect(refusal(patched(first + 42, 0x0000_0300))?.hasPrefix("bad.zip: ") == true)
        // Encrypted flag, and a member count the directory cannot hold.
        var encrypted = bytes
        encrypted[first + 8] |= 1
        #expect(refusal(encrypted)?.contains("is encrypted") == true)
        var many = bytes
        let eocd = try #require((0...(bytes.count - 22)).reversed().first { Array(bytes[$0..<($0 + 4)]) == [0x50, 0x4B, 0x05, 0x06] })
        many[eocd + 8] = 0xF0; many[eocd + 10] = 0xF0
        #expect(refusal(many)?.contains("members in a") == true)
    }

    @Test func overlappingMembersAreRefused() throws {
        var bytes = try fixture("stored.zip")
        let archive = try ZipArchive(bytes: bytes)
        let directory = try ZipArchive.locateDirectory(LittleEndianBytes(bytes: bytes), source: nil)
        // Point the second central header's local offset at the first member's header.
        let secondHeader = directory.offset + 46 + archive.entries[0].name.utf8.count
        for index in 0..<4 { bytes[secondHeader + 42 + index] = 0 }
        #expect(refusal(bytes)?.contains("overlap") == true)
    }

    @Test func duplicateNamesAreRefused() throws {
        #expect(refusal(try fixture("duplicate.zip"))?.contains("two members named 'hello.txt'") == true)
    }

    @Test func controlCharactersInNamesAreEscaped() {
        #expect(ZipArchive.printable("a\u{1B}[31mb") == "a\\u{1b}[31mb")
        #expect(ZipArchive.printable(String(repeating: "x", count: 200)).count == 121)
    }
}
