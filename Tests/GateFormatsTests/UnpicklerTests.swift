import Testing
@testable import GateFormats

/// The restricted unpickler on hand-assembled pickles: what it builds, and what it refuses.
@Suite struct UnpicklerTests {
    /// Unpickles `bytes` (persistent ids become `None`) and describes the result or the error.
    private func run(_ bytes: [UInt8], _ body: (PickleValue) -> String = { $0.kindName }) -> String {
        do {
            return try Unpickler.load(bytes, source: "t.pkl", persistentLoad: { _ in .none }) { body($0) }
        } catch {
            return "\(error)"
        }
    }

    private func string(_ text: String) -> [UInt8] {
        [0x58] + withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian, Array.init) + Array(text.utf8)
    }

    @Test func buildsContainersAndNumbers() {
        // PROTO 2, EMPTY_DICT, MARK, 'a', BININT -2, 'b', LONG1 2^40, 'c', BINFLOAT 1.5, SETITEMS, STOP
        let pickle: [UInt8] = [0x80, 0x02, 0x7D, 0x28] + string("a") + [0x4A, 0xFE, 0xFF, 0xFF, 0xFF]
            + string("b") + [0x8A, 0x06, 0, 0, 0, 0, 0, 0x01] + string("c")
            + [0x47, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0] + [0x75, 0x2E]
        let description = run(pickle) { value in
            guard case .dict(let dictionary) = value else { return "not a dict" }
            return dictionary.entries.map { entry -> String in
                guard case .string(let key) = entry.key else { return "?" }
                switch entry.value {
                case .int(let number): return "\(key)=\(number)"
                case .float(let number): return "\(key)=\(number)"
                default: return "\(key)=?"
                }
            }.joined(separator: " ")
        }
        #expect(description == "a=-2 b=1099511627776 c=1.5")
    }

    @Test func memoSharesOneList() {
        // EMPTY_LIST, BINPUT 0, BINGET 0, APPEND (the list into itself), STOP: a cycle, no hang, no leak-crash.
        let pickle: [UInt8] = [0x80, 0x02, 0x5D, 0x71, 0x00, 0x68, 0x00, 0x61, 0x2E]
        #expect(run(pickle) { value in
            guard case .list(let list) = value, case .list(let inner)? = list.items.first else { return "no" }
            return list === inner ? "cycle" : "copy"
        } == "cycle")
        var search = TorchTensorSearch()
        _ = try? Unpickler.load(pickle, source: "t", persistentLoad: { _ in .none }) { search.search($0) }
        #expect(search.found.isEmpty)
    }

    @Test func deepNestingIsFreedWithoutRecursion() {
        // A million TUPLE1s nest a million deep; tearing them down must not overflow the stack.
        let pickle: [UInt8] = [0x80, 0x02, 0x4E] + [UInt8](repeating: 0x85, count: 1_000_000) + [0x2E]
        #expect(run(pickle) == "a tuple")
    }

    @Test func globalsAreNeverCalled() {
        // GLOBAL posix.system, ('echo hi',), REDUCE → an opaque object remembering the call.
        let pickle: [UInt8] = [0x80, 0x02] + Array("cposix\nsystem\n".utf8) + string("echo hi") + [0x85, 0x52, 0x2E]
        #expect(run(pickle) == "an instance of posix.system")
    }

    @Test func malformedPicklesAreRefusedAtTheirByte() {
        let cases: [([UInt8], String)] = [
            ([0x80, 0x02], "t.pkl: the pickle ends without a STOP opcode (at byte 2)"),
            ([0x80, 0x06, 0x2E], "t.pkl: pickle protocol 6 is newer than 5"),
            ([0x80, 0x02, 0x68, 0x05, 0x2E], "t.pkl: memo entry 5 is read before it is written (at byte 2)"),
            ([0x80, 0x02, 0x30, 0x2E], "t.pkl: an opcode pops from an empty stack (at byte 2)"),
            ([0x80, 0x02, 0x58, 0xFF, 0xFF, 0, 0], "t.pkl: a length of 65535 runs past the end of the pickle (0 bytes left) (at byte 2)"),
            ([0x80, 0x02, 0x97, 0x2E], "t.pkl: opcode 0x97 (NEXT_BUFFER) is not one gatescope reads"),
            ([0x80, 0x02, 0x69, 0x2E], "t.pkl: opcode 0x69 (INST) is not one gatescope reads"),
            ([0x80, 0x02, 0x4E, 0x29, 0x52, 0x2E], "t.pkl: REDUCE calls None, not a global (at byte 4)"),
            ([0x80, 0x02, 0x4E, 0x4E, 0x73, 0x2E], "t.pkl: an opcode reads an empty stack (at byte 4)"),
            ([0x80, 0x02, 0x74, 0x2E], "t.pkl: an opcode needs a MARK that was never set (at byte 2)"),
            ([0x80, 0x02, 0x28, 0x4E, 0x30, 0x30, 0x2E], "t.pkl: an opcode pops from an empty stack (at byte 5)"),
        ]
        for (pickle, message) in cases {
            let got = run(pickle)
            #expect(got.hasPrefix(message), "\(got)")
        }
    }

    @Test func tensorViewsAreCheckedAgainstTheirStorage() throws {
        let storage = TorchStorageReference(key: "0", dtype: .f32, className: "FloatStorage", elementCount: 6, directory: "data")
        // A transposed 2×3 view of [0 1 2; 3 4 5] stored row-major is [0 3; 1 4; 2 5].
        let view = TorchTensorReference(storage: storage, offset: 0, shape: [3, 2], stride: [1, 3])
        // The storage is a slice that does not start at index 0, as a stored zip member's is.
        let floats: [UInt8] = (0..<6).flatMap { (value: Int) -> [UInt8] in
            withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { Array($0) }
        }
        let bytes = ([0xAA, 0xAA, 0xAA] + floats)[3...]
        let tensor = try TorchArchive.copy(.init(name: "w", reference: view), dtype: .f32, from: bytes, source: "t")
        #expect(try tensor.floats() == [0, 3, 1, 4, 2, 5])
        let shifted = TorchTensorReference(storage: storage, offset: 4, shape: [2], stride: [1])
        #expect(try TorchArchive.copy(.init(name: "b", reference: shifted), dtype: .f32, from: bytes, source: "t").floats() == [4, 5])
        let huge = TorchTensorReference(storage: storage, offset: 0, shape: [Int.max / 2, 4], stride: [Int.max / 2, 1])
        #expect(ModelTestSupport.message { _ = try TorchArchive.copy(.init(name: "h", reference: huge), dtype: .f32, from: bytes, source: "t") }
            .hasPrefix("t: tensor 'h' has a malformed view"))
        let negative = TorchTensorReference(storage: storage, offset: 0, shape: [2], stride: [-1])
        #expect(ModelTestSupport.message { _ = try TorchArchive.copy(.init(name: "n", reference: negative), dtype: .f32, from: bytes, source: "t") }
            .hasPrefix("t: tensor 'n' has a malformed view"))
    }
}
