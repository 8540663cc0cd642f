/// Bit-exact conversions from stored element types to `Float`, matching numpy's `astype(np.float32)`.
enum FloatConversion {
    /// Converts IEEE 754 binary16 bits to `Float` exactly (numpy's `npy_halfbits_to_floatbits`):
    /// subnormals become normal floats, infinities stay infinite, NaN keeps its sign and payload.
    static func float(fromHalfBits h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32(h & 0x7C00)
        var mantissa = UInt32(h & 0x03FF)
        if exponent == 0x7C00 {
            // Inf or NaN: all-ones exponent, mantissa shifted into place (payload kept).
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal half: normalise into a float.
            var e: UInt32 = 113  // 127 - 15 + 1
            while mantissa & 0x0400 == 0 {
                mantissa <<= 1
                e -= 1
            }
            mantissa &= 0x03FF
            return Float(bitPattern: sign | (e << 23) | (mantissa << 13))
        }
        let e = (exponent >> 10) + 112  // rebias 15 -> 127
        return Float(bitPattern: sign | (e << 23) | (mantissa << 13))
    }

    /// Converts bfloat16 bits to `Float` exactly (the upper half of a binary32).
    static func float(fromBFloat16Bits b: UInt16) -> Float {
        Float(bitPattern: UInt32(b) << 16)
    }

    /// Converts a `Float` to IEEE binary16 bits with round-to-nearest-even (numpy's `npy_floatbits_to_halfbits`).
    static func halfBits(from value: Float) -> UInt16 {
        let f = value.bitPattern
        let sign = UInt16((f >> 16) & 0x8000)
        let exponent = f & 0x7F80_0000
        let mantissa = f & 0x007F_FFFF
        if exponent == 0x7F80_0000 {
            if mantissa == 0 { return sign | 0x7C00 }
            let payload = UInt16(truncatingIfNeeded: mantissa >> 13)
            return sign | 0x7C00 | (payload == 0 ? 0x0200 : payload)
        }
        if exponent >= 0x4780_0000 { return sign | 0x7C00 }  // overflow to infinity
        if exponent <= 0x3800_0000 {
            // Result is subnormal half or zero.
            if exponent < 0x3300_0000 { return sign }
            let e = exponent >> 23
            let m = mantissa | 0x0080_0000
            let shift = 126 - e  // 14 - (e - 112)
            var halfMantissa = m >> (shift)
            let remainder = m & ((UInt32(1) << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            if remainder > halfway || (remainder == halfway && (halfMantissa & 1) == 1) {
                halfMantissa += 1
            }
            return sign | UInt16(halfMantissa)
        }
        var halfExponentMantissa = ((exponent - 0x3800_0000) >> 13) | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && (halfExponentMantissa & 1) == 1) {
            halfExponentMantissa += 1  // may carry into the exponent, reaching infinity correctly
        }
        return sign | UInt16(halfExponentMantissa)
    }

    /// Converts `count` little-endian elements of `dtype` starting at `base` into floats.
    static func floats(
        from base: UnsafeRawPointer, count: Int, dtype: TensorDType, bigEndian: Bool = false
    ) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
            func load<T: FixedWidthInteger>(_ i: Int, as type: T.Type) -> T {
                let raw = base.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
                return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
            }
            switch dtype {
            case .f32:
                for i in 0..<count { out[i] = Float(bitPattern: load(i, as: UInt32.self)) }
            case .f64:
                for i in 0..<count { out[i] = Float(Double(bitPattern: load(i, as: UInt64.self))) }
            case .f16:
                for i in 0..<count { out[i] = float(fromHalfBits: load(i, as: UInt16.self)) }
            case .bf16:
                for i in 0..<count { out[i] = float(fromBFloat16Bits: load(i, as: UInt16.self)) }
            case .i64:
                for i in 0..<count { out[i] = Float(Int64(bitPattern: load(i, as: UInt64.self))) }
            case .i32:
                for i in 0..<count { out[i] = Float(Int32(bitPattern: load(i, as: UInt32.self))) }
            case .i16:
                for i in 0..<count { out[i] = Float(Int16(bitPattern: load(i, as: UInt16.self))) }
            case .i8:
                for i in 0..<count { out[i] = Float(Int8(bitPattern: load(i, as: UInt8.self))) }
            case .u64:
                for i in 0..<count { out[i] = Float(load(i, as: UInt64.self)) }
            case .u32:
                for i in 0..<count { out[i] = Float(load(i, as: UInt32.self)) }
            case .u16:
                for i in 0..<count { out[i] = Float(load(i, as: UInt16.self)) }
            case .u8:
                for i in 0..<count { out[i] = Float(load(i, as: UInt8.self)) }
            case .bool:
                for i in 0..<count { out[i] = load(i, as: UInt8.self) == 0 ? 0 : 1 }
            }
            initialized = count
        }
    }
}
