import Testing
@testable import GateFormats

/// Conversions of every dtype to Float32, checked bit for bit against numpy's `astype(np.float32)`.
@Suite struct TensorConversionTests {
    @Test func everyDTypeMatchesNumpy() throws {
        let file = try SafeTensors(path: FormatFixtures.path("all_dtypes.safetensors"))
        let expected = try SafeTensors(path: FormatFixtures.path("all_dtypes_expected_f32.safetensors"))
        #expect(Set(file.names) == Set(expected.names))
        let dtypes: [String: TensorDType] = ["f16": .f16, "bf16": .bf16, "f64": .f64, "i64": .i64, "i32": .i32,
                                             "i16": .i16, "i8": .i8, "u8": .u8, "bool": .bool, "f32_matrix": .f32]
        for name in file.names {
            let tensor = try file.tensor(named: name)
            if let dtype = dtypes[name] { #expect(tensor.dtype == dtype, "\(name)") }
            let reference = try expected.tensor(named: name)
            #expect(tensor.shape == reference.shape, "\(name)")
            let got = FormatFixtures.bits(try tensor.floats())
            let want = FormatFixtures.bits(try reference.floats())
            #expect(got.count == want.count, "\(name)")
            let mismatches = zip(got, want).enumerated().filter { $0.element.0 != $0.element.1 }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.count) mismatches, first \(mismatches.prefix(3))")
        }
        #expect(try file.tensor(named: "f16").elementCount == 65536)
        #expect(try file.tensor(named: "scalar").shape == [])
        #expect(try file.tensor(named: "empty").floats() == [])
    }

    @Test func halfPrecisionSpecialValues() {
        #expect(FloatConversion.float(fromHalfBits: 0x0001) == Float(sign: .plus, exponent: -24, significand: 1))
        #expect(FloatConversion.float(fromHalfBits: 0x03FF) == Float(1023) * Float(sign: .plus, exponent: -24, significand: 1))
        #expect(FloatConversion.float(fromHalfBits: 0x3C00) == 1)
        #expect(FloatConversion.float(fromHalfBits: 0x7BFF) == 65504)
        #expect(FloatConversion.float(fromHalfBits: 0x7C00) == .infinity)
        #expect(FloatConversion.float(fromHalfBits: 0xFC00) == -.infinity)
        #expect(FloatConversion.float(fromHalfBits: 0x7E00).isNaN)
        #expect(FloatConversion.float(fromHalfBits: 0x8000).bitPattern == 0x8000_0000)
        #expect(FloatConversion.float(fromBFloat16Bits: 0x3F80) == 1)
    }

    @Test func halfEncodingRoundTripsAndRounds() {
        for bits in UInt16.min...UInt16.max {
            let value = FloatConversion.float(fromHalfBits: bits)
            if value.isNaN { continue }
            #expect(FloatConversion.halfBits(from: value) == bits)
        }
        #expect(FloatConversion.halfBits(from: 65520) == 0x7C00)  // rounds up to infinity
        #expect(FloatConversion.halfBits(from: 1 + Float(sign: .plus, exponent: -11, significand: 1)) == 0x3C00)  // tie to even
        #expect(FloatConversion.halfBits(from: Float(sign: .plus, exponent: -25, significand: 1)) == 0)  // tie to even (zero)
        #expect(FloatConversion.halfBits(from: Float(sign: .plus, exponent: -25, significand: 1.5)) == 1)
    }

    @Test func tensorInitChecksByteCount() {
        #expect(throws: FormatError.self) { try Tensor(name: "t", dtype: .f32, shape: [2], bytes: [0, 0, 0]) }
        #expect(throws: FormatError.self) { try Tensor(name: "t", dtype: .f32, shape: [-1], bytes: []) }
        #expect(throws: FormatError.self) { try Tensor(name: "t", shape: [3], floats: [1, 2]) }
        #expect((try? Tensor(name: "t", shape: [2, 1], floats: [1, 2]).floats()) == [1, 2])
    }
}
