import Testing
@testable import GateFormats

/// The safetensors writers: reference layout, atomic writes, streaming, and the mmap reader.
@Suite struct SafeTensorsWriterTests {
    @Test func matchesReferenceWriterByteForByte() throws {
        var writer = SafeTensorsWriter(metadata: ["k": "v\"é"])
        try writer.add(name: "b", shape: [2], floats: [1.5, -2.0])
        var int64Bytes: [UInt8] = []
        for value: Int64 in [1, 2] { withUnsafeBytes(of: value.littleEndian) { int64Bytes.append(contentsOf: $0) } }
        try writer.add(Tensor(name: "a", dtype: .i64, shape: [2], bytes: int64Bytes))
        try writer.add(Tensor(name: "c", dtype: .f16, shape: [1], bytes: [0x00, 0x38]))
        try writer.add(name: "q\"\\\n", shape: [1], floats: [0])
        let reference = try FileBytes.read(path: FormatFixtures.path("reference_writer.safetensors"))
        #expect(writer.serialize() == reference)
    }

    @Test func roundTripsWithMetadataAndPadding() throws {
        var writer = SafeTensorsWriter(metadata: ["gatescope": "trace", "control\u{1}": "tab\t"])
        try writer.add(name: "z", shape: [2, 3], floats: [1, 2, 3, 4, 5, .nan])
        try writer.add(name: "y", shape: [], floats: [7])
        let bytes = writer.serialize()
        let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
        let file = try SafeTensors(bytes: bytes)
        #expect(file.metadata == writer.metadata)
        #expect(file.names == ["y", "z"])
        #expect(FormatFixtures.bits(try file.tensor(named: "z").floats()) == FormatFixtures.bits([1, 2, 3, 4, 5, .nan]))
    }

    @Test func rejectsDuplicateAndReservedNames() throws {
        var writer = SafeTensorsWriter()
        try writer.add(name: "a", shape: [1], floats: [1])
        #expect(throws: FormatError.self) { try writer.add(name: "a", shape: [1], floats: [1]) }
        #expect(throws: FormatError.self) { try writer.add(name: "__metadata__", shape: [1], floats: [1]) }
    }

    @Test func writesAtomically() throws {
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/model.safetensors"
        var writer = SafeTensorsWriter()
        try writer.add(name: "w", shape: [2, 2], floats: [1, 2, 3, 4])
        try writer.writeAtomically(to: path)
        try writer.writeAtomically(to: path)  // replacing an existing file
        #expect(try SafeTensors(path: path).tensor(named: "w").floats() == [1, 2, 3, 4])
        #expect(throws: FormatError.self) { try writer.writeAtomically(to: "/nonexistent-dir/x.safetensors") }
    }

    @Test func mappedReaderReadsRowsLazily() throws {
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/trace.safetensors"
        var writer = SafeTensorsWriter(metadata: ["cell": "lstm"])
        try writer.add(name: "h", shape: [4, 3], floats: (0..<12).map(Float.init))
        try writer.add(Tensor(name: "c16", dtype: .f16, shape: [2, 1], bytes: [0x00, 0x3C, 0x00, 0xC0]))
        try writer.add(name: "v", shape: [3], floats: [1, 2, 3])
        try writer.writeAtomically(to: path)
        let mapped = try MappedSafeTensors(path: path)
        #expect(mapped.metadata == ["cell": "lstm"])
        #expect(try mapped.matrixShape(of: "h") == (4, 3))
        #expect(try mapped.rows(of: "h", range: 1..<3) == [3, 4, 5, 6, 7, 8])
        #expect(try mapped.rows(of: "h", range: 2..<2) == [])
        #expect(try mapped.rows(of: "c16", range: 0..<2) == [1, -2])
        #expect(try mapped.tensor(named: "v").floats() == [1, 2, 3])
        #expect(throws: FormatError.self) { try mapped.rows(of: "h", range: 3..<5) }
        #expect(throws: FormatError.self) { try mapped.rows(of: "v", range: 0..<1) }
        #expect(throws: FormatError.self) { try mapped.rows(of: "missing", range: 0..<1) }
    }

    @Test func mappedReaderValidatesLikeTheMemoryReader() throws {
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        for (index, bytes) in [[UInt8](), [1, 2, 3], FormatFixtures.safetensors(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0])].enumerated() {
            let path = directory + "/bad\(index).safetensors"
            try FileBytes.writeAtomically(bytes, to: path)
            do {
                _ = try MappedSafeTensors(path: path)
                Issue.record("accepted bad file \(index)")
            } catch {
                #expect("\(error)".hasPrefix(path + ": "))
            }
        }
    }

    @Test func streamingWriterMatchesInMemoryWriter() throws {
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/stream.safetensors"
        let steps = 5000
        let stream = try StreamingSafeTensorsWriter(
            path: path,
            tensors: [.init(name: "h", rows: steps, columns: 3), .init(name: "f", rows: steps, columns: 2)],
            metadata: ["steps": "\(steps)"])
        var h: [Float] = []
        var f: [Float] = []
        for t in 0..<steps {
            let hRow = [Float(t), Float(t) / 2, -Float(t)]
            let fRow = [Float(t % 7), 0.5]
            try stream.append(row: hRow, to: "h")
            try stream.append(row: fRow, to: "f")
            h += hRow
            f += fRow
        }
        #expect(stream.rowsWritten(to: "h") == steps)
        try stream.finish()
        var writer = SafeTensorsWriter(metadata: ["steps": "\(steps)"])
        try writer.add(name: "h", shape: [steps, 3], floats: h)
        try writer.add(name: "f", shape: [steps, 2], floats: f)
        #expect(try FileBytes.read(path: path) == writer.serialize())
        let mapped = try MappedSafeTensors(path: path)
        #expect(try mapped.rows(of: "h", range: 4998..<5000) == [4998, 2499, -4998, 4999, 2499.5, -4999])
    }

    @Test func streamingWriterRefusesIncompleteOrWrongRows() throws {
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/partial.safetensors"
        let stream = try StreamingSafeTensorsWriter(path: path, tensors: [.init(name: "h", rows: 2, columns: 2)])
        try stream.append(row: [1, 2], to: "h")
        #expect(throws: FormatError.self) { try stream.append(row: [1], to: "h") }
        #expect(throws: FormatError.self) { try stream.append(row: [1, 2], to: "x") }
        do {
            try stream.finish()
            Issue.record("finished with missing rows")
        } catch {
            #expect("\(error)".contains("tensor 'h' has 1 of its 2 rows"))
        }
        try stream.append(row: [3, 4], to: "h")
        #expect(throws: FormatError.self) { try stream.append(row: [5, 6], to: "h") }
        try stream.finish()
        #expect(try SafeTensors(path: path).tensor(named: "h").floats() == [1, 2, 3, 4])
        let abandoned = try StreamingSafeTensorsWriter(path: directory + "/abandoned.safetensors", tensors: [.init(name: "h", rows: 1, columns: 1)])
        abandoned.discard()
        #expect(throws: FormatError.self) { try FileBytes.read(path: directory + "/abandoned.safetensors") }
        #expect(throws: FormatError.self) {
            try StreamingSafeTensorsWriter(path: directory + "/dup.safetensors", tensors: [.init(name: "a", rows: 1, columns: 1), .init(name: "a", rows: 1, columns: 1)])
        }
    }
}
