/// The objects of an HDF5 file's global heap collections, parsed from the file's bytes without HDF5
/// (HDF5 file format specification, III.E "Global Heap"): each collection is `GCOL`, version 1, three
/// reserved bytes, its size (8 bytes, header included), then objects — index (2), reference count (2),
/// reserved (4), size (8), data padded to 8 bytes — until index 0, the free space.
///
/// Collections are found by their signature; one that does not fit the file or whose objects overrun it
/// is skipped (it may be float data that happens to spell `GCOL`, or damage). Sound collections do not
/// overlap, so their objects together are never larger than the file.
enum HDF5GlobalHeap {
    /// The data of every object of every well-formed collection, in file order.
    static func objects(in bytes: [UInt8]) -> [[UInt8]] {
        func u64(_ at: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        var result: [[UInt8]] = []
        var position = 0
        while position + 16 <= bytes.count {
            guard bytes[position] == 0x47, bytes[position + 1] == 0x43, bytes[position + 2] == 0x4F,
                  bytes[position + 3] == 0x4C, bytes[position + 4] == 1 else {
                position += 1
                continue
            }
            let found = position
            position += 4
            let size = u64(found + 8)
            guard size >= 16, size <= UInt64(bytes.count - found) else { continue }
            let end = found + Int(size)
            var object = found + 16
            var collection: [[UInt8]] = []
            var sound = true
            while object + 16 <= end {
                let index = UInt16(bytes[object]) | UInt16(bytes[object + 1]) << 8
                if index == 0 { break }
                let length = u64(object + 8)
                guard length <= UInt64(end - object - 16) else { sound = false; break }
                collection.append(Array(bytes[(object + 16)..<(object + 16 + Int(length))]))
                object += 16 + (Int(length) + 7) / 8 * 8
            }
            if sound, object <= end {
                result += collection
                position = end  // collections do not overlap: the next one starts after this one
            }
        }
        return result
    }
}
