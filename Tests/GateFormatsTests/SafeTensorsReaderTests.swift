import Testing
@testable import GateFormats

/// The in-memory safetensors reader: real files from Python and every rejection rule.
@Suite struct SafeTensorsReaderTests {
    private static let oneTensor = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#

    /// Parses `bytes` and returns the error message, or nil if it parsed.
    private func rejection(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SafeTensors(bytes: bytes, source: "m.safetensors")
            return nil
        } catch let error as FormatError {
            return error.description
        } catch {
            return "unexpected error type \(error)"
        }
    }

    private func expectRejected(_ bytes: [UInt8], containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = rejection(bytes)
        #expect(message != nil, "accepted, expected rejection containing '\(fragment)'", sourceLocation: sourceLocation)
        if let message {
            #expect(message.contains(fragment), "message: \(message)", sourceLocation: sourceLocation)
            #expect(message.hasPrefix("m.safetensors: "), "message: \(message)", sourceLocation: sourceLocation)
            #expect(!message.contains("\n"), sourceLocation: sourceLocation)
        }
    }

    @Test func readsPyTorchLSTMStateDict() throws {
        let file = try SafeTensors(path: FormatFixtures.path("torch_lstm.safetensors"))
        #expect(Set(file.names) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
        #expect(file.metadata == ["framework": "pt", "note": "gatescope \"fixture\" é"])
        let expected = try FileBytes.read(path: FormatFixtures.path("torch_lstm_expected.f32"))
        var floats: [Float] = []
        for name in ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"] {
            let tensor = try file.tensor(named: name)
            #expect(tensor.dtype == .f32)
            floats += try tensor.floats()
        }
        #expect(try file.tensor(named: "weight_ih_l0").shape == [16, 3])
        #expect(try file.tensor(named: "weight_hh_l0").shape == [16, 4])
        let expectedFloats = try Tensor(name: "x", dtype: .f32, shape: [expected.count / 4], bytes: expected).floats()
        #expect(floats == expectedFloats)
    }

    @Test func readsMinimalFileAndPaddedHeader() throws {
        let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]
        let padded = try SafeTensors(bytes: FormatFixtures.safetensors(header: Self.oneTensor + "     ", data: data))
        #expect(try padded.tensor(named: "a").floats() == [1, 2])
        let empty = try SafeTensors(bytes: FormatFixtures.safetensors(header: "{}"))
        #expect(empty.names.isEmpty)
        let nullMetadata = try SafeTensors(bytes: FormatFixtures.safetensors(header: #"{"__metadata__":null}"#))
        #expect(nullMetadata.metadata.isEmpty)
    }

    @Test func rejectsFileShorterThanPrefix() {
        expectRejected([], containing: "shorter than the 8-byte")
        expectRejected([1, 2, 3, 4, 5, 6, 7], containing: "shorter than the 8-byte")
    }

    @Test func rejectsHugeHeaderLength() {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(100_000_001).littleEndian) { bytes.append(contentsOf: $0) }
        expectRejected(bytes + [0x7B, 0x7D], containing: "exceeds the 100000000-byte limit")
        expectRejected([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], containing: "exceeds")
    }

    @Test func rejectsHeaderPastEndOfFile() {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(99_999_999).littleEndian) { bytes.append(contentsOf: $0) }
        expectRejected(bytes + Array("{}".utf8), containing: "header length 99999999 runs past the end of the file (10 bytes)")
    }

    @Test func rejectsInvalidUTF8AndInvalidJSON() {
        expectRejected(Array(FormatFixtures.safetensors(header: "{}").dropLast(2)) + [0xC3, 0x28], containing: "not valid JSON (invalid UTF-8")
        for bad in ["{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,2", "{} x", "{\"a\":01}", "{\"a\":\"\\x\"}",
                    "{\"a\":\"\\ud800\"}", "{\"a\":\"tab\there\"}", "", "nul", String(repeating: "[", count: 200)] {
            expectRejected(FormatFixtures.safetensors(header: bad), containing: "not valid JSON")
        }
    }

    @Test func rejectsHeaderThatIsNotAnObject() {
        expectRejected(FormatFixtures.safetensors(header: "[]"), containing: "not a JSON object")
        expectRejected(FormatFixtures.safetensors(header: "\"x\""), containing: "not a JSON object")
    }

    @Test func rejectsEntriesWithMissingOrWrongFields() {
        let cases: [(String, String)] = [
            (#"{"a":1}"#, "not an object with dtype"),
            (#"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, "has no \"dtype\""),
            (#"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#, "has no \"shape\""),
            (#"{"a":{"dtype":"F32","shape":[1]}}"#, "has no \"data_offsets\""),
            (#"{"a":{"dtype":3,"shape":[1],"data_offsets":[0,4]}}"#, "dtype is the number 3, not a string"),
            (#"{"a":{"dtype":"F32","shape":"1","data_offsets":[0,4]}}"#, "shape is a string"),
            (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, "not a pair"),
            (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#, "not a pair"),
            (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, "ends before it begins"),
            (#"{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,4]}}"#, "unknown dtype 'C64'"),
            (#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, "not a non-negative integer"),
            (#"{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}"#, "not a non-negative integer"),
            (#"{"a":{"dtype":"F32","shape":[1e0],"data_offsets":[0,4]}}"#, "not a non-negative integer"),
            (#"{"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]}}"#, "not a non-negative integer"),
        ]
        for (header, fragment) in cases {
            expectRejected(FormatFixtures.safetensors(header: header, data: [0, 0, 0, 0]), containing: fragment)
        }
    }

    @Test func rejectsElementCountOverflow() {
        let header = #"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#
        expectRejected(FormatFixtures.safetensors(header: header, data: [0, 0, 0, 0]), containing: "more elements than can be addressed")
        let bytesOverflow = #"{"a":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,4]}}"#
        expectRejected(FormatFixtures.safetensors(header: bytesOverflow, data: [0, 0, 0, 0]), containing: "more bytes than can be addressed")
    }

    @Test func rejectsGapsAndOverlaps() {
        let gap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        expectRejected(FormatFixtures.safetensors(header: gap, data: [UInt8](repeating: 0, count: 12)), containing: "leaves a gap")
        let overlap = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        expectRejected(FormatFixtures.safetensors(header: overlap, data: [UInt8](repeating: 0, count: 8)), containing: "overlaps")
        let notAtZero = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        expectRejected(FormatFixtures.safetensors(header: notAtZero, data: [UInt8](repeating: 0, count: 8)), containing: "expected it to begin at 0")
        // Out-of-order entries are fine when the offsets tile the data.
        let outOfOrder = #"{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(rejection(FormatFixtures.safetensors(header: outOfOrder, data: [UInt8](repeating: 0, count: 8))) == nil)
    }

    @Test func rejectsSizeMismatchAndWrongFileLength() {
        let wrongSize = #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        expectRejected(FormatFixtures.safetensors(header: wrongSize, data: [UInt8](repeating: 0, count: 8)), containing: "has 8 bytes of data but shape [3] of F32 needs 12")
        expectRejected(FormatFixtures.safetensors(header: Self.oneTensor, data: [0, 0, 0, 0]), containing: "the file is truncated or has trailing data")
        expectRejected(FormatFixtures.safetensors(header: Self.oneTensor, data: [UInt8](repeating: 0, count: 9)), containing: "the file is truncated or has trailing data")
    }

    @Test func rejectsBadMetadataAndDuplicateKeys() {
        expectRejected(FormatFixtures.safetensors(header: #"{"__metadata__":{"a":1}}"#), containing: "__metadata__ key 'a' is the number 1, not a string")
        expectRejected(FormatFixtures.safetensors(header: #"{"__metadata__":[]}"#), containing: "__metadata__ is an array")
        let duplicate = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        expectRejected(FormatFixtures.safetensors(header: duplicate, data: [0, 0, 0, 0]), containing: "duplicate key \"a\"")
        expectRejected(FormatFixtures.safetensors(header: #"{"__metadata__":{"k":"1","k":"2"}}"#), containing: "duplicate key")
    }

    @Test func unknownTensorNameListsWhatExists() throws {
        let file = try SafeTensors(path: FormatFixtures.path("torch_lstm.safetensors"))
        #expect(throws: FormatError.self) { try file.tensor(named: "nope") }
        do {
            _ = try file.tensor(named: "nope")
        } catch {
            #expect("\(error)".contains("has no tensor 'nope'"))
            #expect("\(error)".contains("weight_ih_l0"))
        }
    }

    @Test func missingFileNamesPath() {
        do {
            _ = try SafeTensors(path: "/nonexistent/model.safetensors")
            Issue.record("opened a missing file")
        } catch {
            #expect("\(error)".hasPrefix("/nonexistent/model.safetensors: cannot open for reading"))
        }
    }
}
