#if canImport(GateCore)
import GateCore
#endif
import Testing
@testable import GateFormats

/// The .npy reader and writer against files written by numpy.
@Suite struct NpyArrayTests {
    /// `(arange(12).reshape(3, 4) - 5) / 4`, the values every 3×4 fixture holds.
    private let base: [Float] = (0..<12).map { (Float($0) - 5) / 4 }

    private func load(_ name: String) throws -> NpyArray {
        try NpyArray(path: FormatFixtures.path(name))
    }

    @Test func readsEveryFlavourNumpyWrites() throws {
        for name in ["c_f4.npy", "c_f8.npy", "c_f2.npy", "big_endian_f4.npy", "fortran_f4.npy", "v2_f4.npy", "v3_f4.npy"] {
            let array = try load(name)
            #expect(array.shape == [3, 4], "\(name)")
            #expect(array.values == base, "\(name)")
            #expect(try array.matrix() == Matrix(rows: 3, columns: 4, values: base), "\(name)")
        }
        #expect(try load("c_f2.npy").storedType == .f16)
        #expect(try load("c_f8.npy").storedType == .f64)
        #expect(try load("fortran_3d_f4.npy").values == (0..<24).map(Float.init))
        #expect(try load("vector_f4.npy").matrix() == Matrix(rows: 5, columns: 1, values: [0, 1, 2, 3, 4]))
        #expect(try load("batch_first_f4.npy").matrix() == Matrix(rows: 3, columns: 4, values: base))
        #expect(try load("u1.npy").values == [0, 1, 254, 255])
        #expect(try load("i8.npy").values == [-3, 4, 5, -6])
        #expect(try load("bool.npy").values == [1, 0, 1])
        let scalar = try load("scalar_f4.npy")
        #expect(scalar.shape == [] && scalar.values == [7])
    }

    @Test func matrixRejectsUnsupportedShapes() throws {
        for shape in [[], [2, 3, 4], [1, 1, 1, 1]] {
            let count = shape.reduce(1, *)
            let array = try NpyArray(shape: shape, values: [Float](repeating: 0, count: count))
            do {
                _ = try array.matrix(source: "x.npy")
                Issue.record("accepted shape \(shape)")
            } catch {
                #expect("\(error)".contains("gatescope expects one sequence shaped (T,), (T, X), (1, T, X) or (T, 1, X)"))
            }
        }
        let timeFirst = try NpyArray(shape: [3, 1, 2], values: [1, 2, 3, 4, 5, 6])
        #expect(try timeFirst.matrix() == Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6]))
    }

    @Test func writerMatchesNumpyByteForByte() throws {
        let written = try NpyArray(shape: [3, 4], values: base).serialize()
        #expect(written == (try FileBytes.read(path: FormatFixtures.path("c_f4.npy"))))
        let vector = try NpyArray(shape: [5], values: [0, 1, 2, 3, 4]).serialize()
        #expect(vector == (try FileBytes.read(path: FormatFixtures.path("vector_f4.npy"))))
        let scalar = try NpyArray(shape: [], values: [7]).serialize()
        #expect(scalar == (try FileBytes.read(path: FormatFixtures.path("scalar_f4.npy"))))
    }

    @Test func roundTripsThroughAFile() throws {
        let path = FormatFixtures.temporaryDirectory() + "/m.npy"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        let matrix = Matrix(rows: 2, columns: 3, values: [1, -2, 3.5, .infinity, 0, -0])
        try NpyArray(matrix: matrix).write(to: path)
        let back = try NpyArray(path: path)
        #expect(back.shape == [2, 3])
        #expect(back.values.map(\.bitPattern) == matrix.values.map(\.bitPattern))
        #expect(throws: FormatError.self) { try NpyArray(shape: [2, 2], values: [1]) }
    }

    /// A v1.0 file with the given header text (padded as numpy does) and data.
    private func npy(_ header: String, data: [UInt8] = [], major: UInt8 = 1) -> [UInt8] {
        var text = Array(header.utf8)
        let preamble = major == 1 ? 10 : 12
        while (preamble + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var out = NpyArray.magic + [major, 0]
        if major == 1 {
            out += [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
        } else {
            out += [UInt8(text.count & 0xFF), UInt8(text.count >> 8), 0, 0]
        }
        return out + text + data
    }

    private func expectRejected(_ bytes: [UInt8], containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try NpyArray(bytes: bytes, source: "a.npy")
            Issue.record("accepted; expected '\(fragment)'", sourceLocation: sourceLocation)
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("a.npy: ") && message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
        }
        // Read from a file, a block at a time, the same bytes give the same reason.
        let path = FormatFixtures.temporaryDirectory() + "/a.npy"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        do {
            try FileBytes.writeAtomically(bytes, to: path)
            _ = try NpyArray(path: path)
            Issue.record("accepted from a file; expected '\(fragment)'", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func largeFilesAreReadInBlocksAsNumpyStoresThem() throws {
        // 300,003 values: several 1 MB blocks and a partial one, as f4, big-endian f4 and f8.
        let values = (0..<300_003).map { Float($0 % 977) / 8 - 60 }
        let cases: [(String, (Float) -> [UInt8])] = [
            ("<f4", { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }),
            (">f4", { withUnsafeBytes(of: $0.bitPattern.bigEndian, Array.init) }),
            ("<f8", { withUnsafeBytes(of: Double($0).bitPattern.littleEndian, Array.init) }),
        ]
        for (descr, encode) in cases {
            let bytes = npy("{'descr': '\(descr)', 'fortran_order': False, 'shape': (100001, 3), }",
                            data: Array(values.map(encode).joined()))
            let path = FormatFixtures.temporaryDirectory() + "/large.npy"
            defer { ModelTestSupport.removeDirectory(containing: path) }
            try FileBytes.writeAtomically(bytes, to: path)
            let array = try NpyArray(path: path)
            #expect(array.shape == [100_001, 3], "\(descr)")
            #expect(array.values == values, "\(descr)")
            try FileBytes.writeAtomically(Array(bytes.dropLast(5)), to: path)
            #expect(throws: FormatError.self) { try NpyArray(path: path) }
        }
    }

    @Test func acceptsHeaderVariants() throws {
        let four: [UInt8] = [0, 0, 0x80, 0x3F]
        for header in ["{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                       "{\"shape\":(1,),\"fortran_order\":True,\"descr\":\"<f4\"}",
                       "{'descr':'<f4','fortran_order':False,'shape':(1L,)}",
                       "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1)}"] {
            #expect(try NpyArray(bytes: npy(header, data: four)).values == [1], "\(header)")
        }
    }

    @Test func rejectsMalformedFiles() {
        let four: [UInt8] = [0, 0, 0, 0]
        expectRejected([], containing: "does not start with the .npy magic")
        expectRejected(Array("PK\u{3}\u{4}not npy".utf8), containing: "does not start with the .npy magic")
        expectRejected(NpyArray.magic + [4, 0, 0, 0], containing: "version 4.0 is not supported")
        expectRejected(NpyArray.magic + [1, 1, 0, 0], containing: "version 1.1 is not supported")
        expectRejected(NpyArray.magic + [2, 0, 0, 0], containing: "truncated inside the .npy preamble")
        expectRejected(NpyArray.magic + [1, 0, 0xFF, 0x00] + Array("{}".utf8), containing: "header length 255 runs past the end")
        let malformed: [(String, String)] = [
            ("{'descr': '<f4', 'fortran_order': False}", "missing key 'shape'"),
            ("{'descr': '<f4', 'shape': (1,)}", "missing key 'fortran_order'"),
            ("{'fortran_order': False, 'shape': (1,)}", "missing key 'descr'"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unexpected key 'extra'"),
            ("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "duplicate key 'descr'"),
            ("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", "must be True or False"),
            ("{'descr': '<f4', 'fortran_order': Falsey, 'shape': (1,)}", "must be True or False"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}", "needs a trailing comma"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "non-negative integers"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "must be a tuple"),
            ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}", "structured arrays are not supported"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", "dimension too large"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} junk", "unexpected text after"),
            ("{'descr': '<f4 'fortran_order': False, 'shape': (1,)}", "expected ','"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", "expected ','"),
            ("['descr']", "expected '{'"),
        ]
        for (header, fragment) in malformed {
            expectRejected(npy(header, data: four), containing: fragment)
        }
        expectRejected(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,)}", data: four + four), containing: "element type '<c8' is not supported")
        expectRejected(npy("{'descr': '<U3', 'fortran_order': False, 'shape': (1,)}", data: four), containing: "element type '<U3' is not supported")
        expectRejected(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", data: four), containing: "needs 8 data bytes but the file has 4")
        expectRejected(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", data: four + [0]), containing: "1 unexpected bytes after the array data")
        expectRejected(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296)}", data: four), containing: "too many")
        expectRejected(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", data: four, major: 2).dropLast(70) + [], containing: "runs past the end")
    }
}
