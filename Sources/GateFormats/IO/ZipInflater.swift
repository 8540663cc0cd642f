import CZlib

/// zlib's raw-deflate decoder and CRC-32, for zip members.
enum ZipInflater {
    /// The CRC-32 of `bytes` (zlib's, the one zip headers hold).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt = CZlib.crc32(0, nil, 0)
        bytes.withUnsafeBufferPointer { buffer in
            var base = buffer.baseAddress
            var left = buffer.count
            while left > 0, let pointer = base {
                let chunk = min(left, Int(UInt32.max >> 1))
                crc = CZlib.crc32(crc, pointer, uInt(chunk))
                base = pointer + chunk
                left -= chunk
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Inflates the raw deflate stream in `bytes[range]` into exactly `expectedCount` bytes; refuses a
    /// stream that is damaged, ends early, or holds more or fewer bytes than the header says.
    static func inflate(_ bytes: [UInt8], range: Range<Int>, expectedCount: Int, label: String,
                        source: String?) throws -> [UInt8] {
        func fail(_ message: String) -> FormatError { FormatError(message, source: source) }
        // One spare byte so a stream longer than claimed is caught rather than silently cut.
        var output = [UInt8](repeating: 0, count: expectedCount + 1)
        var stream = z_stream()
        guard gs_inflate_init_raw(&stream) == Z_OK else {
            throw fail("zlib could not start inflating \(label); out of memory?")
        }
        defer { inflateEnd(&stream) }
        let chunk = Int(UInt32.max >> 1)
        var status = Z_OK
        var produced = 0
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var consumed = range.lowerBound
                while status == Z_OK {
                    if stream.avail_in == 0, consumed < range.upperBound {
                        let take = min(chunk, range.upperBound - consumed)
                        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                        stream.avail_in = uInt(take)
                        consumed += take
                    }
                    if stream.avail_out == 0 {
                        guard produced < out.count else { break }
                        let take = min(chunk, out.count - produced)
                        stream.next_out = out.baseAddress! + produced
                        stream.avail_out = uInt(take)
                        produced += take
                    }
                    // With no input left and room to write, zlib returns Z_BUF_ERROR, ending the loop.
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                }
            }
        }
        let total = produced - Int(stream.avail_out)
        guard total <= expectedCount else {
            throw fail("\(label) inflates to more than the \(expectedCount) bytes its header says; the archive is corrupt")
        }
        switch status {
        case Z_STREAM_END:
            guard total == expectedCount else {
                throw fail("\(label) inflates to \(total) bytes, but its header says \(expectedCount); the archive is corrupt")
            }
        case Z_BUF_ERROR:
            throw fail("\(label)'s compressed data ends early; the archive is truncated: download or save it again")
        default:
            throw fail("\(label)'s compressed data is damaged (zlib error \(status)); the archive is corrupt: download or save it again")
        }
        output.removeLast()
        return output
    }
}
