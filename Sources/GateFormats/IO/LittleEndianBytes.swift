/// Bounds-checked little-endian integer reads from a byte array, for binary headers (zip, pickle).
struct LittleEndianBytes {
    /// The bytes read from.
    let bytes: [UInt8]

    /// True when `count` bytes starting at `offset` lie inside the array (no overflow).
    func contains(_ offset: Int, _ count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= bytes.count && count <= bytes.count - offset
    }

    /// The unsigned integer of `width` bytes at `offset`; nil past the end.
    func unsigned(at offset: Int, width: Int) -> UInt64? {
        guard width <= 8, contains(offset, width) else { return nil }
        var value: UInt64 = 0
        for index in stride(from: width - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[offset + index])
        }
        return value
    }

    /// The `UInt16` at `offset`, or 0 past the end (callers check `contains` first).
    func u16(_ offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: unsigned(at: offset, width: 2) ?? 0) }

    /// The `UInt32` at `offset`, or 0 past the end (callers check `contains` first).
    func u32(_ offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: unsigned(at: offset, width: 4) ?? 0) }

    /// The `UInt64` at `offset`, or 0 past the end (callers check `contains` first).
    func u64(_ offset: Int) -> UInt64 { unsigned(at: offset, width: 8) ?? 0 }
}
