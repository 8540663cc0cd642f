/// A pickle reader that executes nothing: it knows the opcodes `torch.save` and `torch.jit.save`
/// write (protocols 2–5) and the few globals a checkpoint needs (``TorchPickleGlobals``); any other
/// global becomes an opaque ``PickleObject`` whose arguments and state can be searched for tensors.
///
/// Refuses, with one line naming the opcode and its byte offset: opcodes that would need Python
/// (out-of-band buffers, extension registry, protocol-0 instantiation), a stack or memo used wrongly,
/// data that runs past the end, and more than ``maximumStackDepth`` values, ``maximumMarks`` marks
/// or ``maximumMemo`` memo entries.
final class Unpickler {
    /// The most values the stack may hold.
    static let maximumStackDepth = 1 << 20
    /// The most open MARKs.
    static let maximumMarks = 1 << 16
    /// The most memo entries.
    static let maximumMemo = 1 << 20

    /// Turns a persistent id (BINPERSID's argument) into a value, or throws.
    typealias PersistentLoad = (PickleValue) throws -> PickleValue

    /// The pickle.
    private let bytes: [UInt8]
    /// Names the pickle in messages.
    private let source: String
    /// Makes BINPERSID's ids into values.
    private let persistentLoad: PersistentLoad
    /// The next byte to read.
    private var position = 0
    /// The pickle machine's stack.
    private var stack: [PickleValue] = []
    /// Stack heights at each open MARK.
    private var marks: [Int] = []
    /// Values saved by BINPUT / MEMOIZE.
    private var memo: [Int: PickleValue] = [:]
    /// Every container made, emptied by ``tearDown()``.
    private var nodes: [PickleNode] = []
    /// Where the current opcode started, for messages.
    private var opcodeStart = 0

    private init(bytes: [UInt8], source: String, persistentLoad: @escaping PersistentLoad) {
        self.bytes = bytes
        self.source = source
        self.persistentLoad = persistentLoad
    }

    /// Unpickles `bytes`, hands the result to `body`, then frees every container iteratively.
    /// - Parameter source: names the pickle in messages, e.g. `m.pt: archive/data.pkl`.
    static func load<T>(_ bytes: [UInt8], source: String, persistentLoad: @escaping PersistentLoad,
                        _ body: (PickleValue) throws -> T) throws -> T {
        let unpickler = Unpickler(bytes: bytes, source: source, persistentLoad: persistentLoad)
        defer { unpickler.tearDown() }
        let value = try unpickler.run()
        return try body(value)
    }

    /// Empties every container so nothing is freed recursively.
    private func tearDown() {
        stack = []
        memo = [:]
        for node in nodes { node.clear() }
        nodes = []
    }

    /// An error at the current opcode.
    private func fail(_ message: String) -> FormatError {
        FormatError("\(message) (at byte \(opcodeStart)); the pickle is corrupt or not a PyTorch checkpoint", source: source)
    }

    // MARK: Reading bytes

    /// The next `count` bytes, which must be present.
    private func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw fail("the pickle ends inside an opcode's argument (\(count) bytes wanted, \(bytes.count - position) left)")
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// A little-endian unsigned integer of `width` bytes.
    private func unsigned(_ width: Int) throws -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in try take(width).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return value
    }

    /// A length argument of `width` bytes that must fit in what is left of the pickle.
    private func length(_ width: Int) throws -> Int {
        let raw = try unsigned(width)
        guard let count = Int(exactly: raw), count <= bytes.count - position else {
            throw fail("a length of \(raw) runs past the end of the pickle (\(bytes.count - position) bytes left)")
        }
        return count
    }

    /// A newline-terminated ASCII line (GLOBAL's arguments), at most 1000 bytes.
    private func line() throws -> String {
        let start = position
        while position < bytes.count, bytes[position] != 0x0A {
            guard position - start < 1000 else { throw fail("a GLOBAL name is longer than 1000 bytes") }
            position += 1
        }
        guard position < bytes.count else { throw fail("the pickle ends inside a GLOBAL name") }
        defer { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The next `count` bytes as UTF-8 text (invalid bytes become U+FFFD).
    private func text(_ count: Int) throws -> String {
        String(decoding: try take(count), as: UTF8.self)
    }

    // MARK: The stack

    /// Pushes a value, refusing a stack past ``maximumStackDepth``.
    private func push(_ value: PickleValue) throws {
        guard stack.count < Unpickler.maximumStackDepth else {
            throw fail("the pickle stack grew past \(Unpickler.maximumStackDepth) values")
        }
        stack.append(value)
    }

    /// Pops a value above the innermost MARK.
    private func pop() throws -> PickleValue {
        guard let value = stack.popLast(), stack.count >= (marks.last ?? 0) else {
            throw fail("an opcode pops from an empty stack")
        }
        return value
    }

    /// The values pushed since the last MARK, which is removed.
    private func popToMark() throws -> [PickleValue] {
        guard let mark = marks.popLast() else { throw fail("an opcode needs a MARK that was never set") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    /// A tracked tuple, list or set.
    private func sequence(_ items: [PickleValue]) -> PickleSequence {
        let node = PickleSequence(items)
        nodes.append(node)
        return node
    }

    /// A tracked empty dict.
    private func newDictionary() -> PickleDictionary {
        let node = PickleDictionary()
        nodes.append(node)
        return node
    }

    /// A tracked opaque instance.
    private func newObject(_ type: PickleGlobal, _ arguments: [PickleValue]) -> PickleValue {
        let node = PickleObject(type: type, arguments: arguments)
        nodes.append(node)
        return .object(node)
    }

    /// Saves a memo entry, refusing more than ``maximumMemo``.
    private func remember(_ index: Int, _ value: PickleValue) throws {
        guard memo.count < Unpickler.maximumMemo || memo[index] != nil else {
            throw fail("the pickle memo grew past \(Unpickler.maximumMemo) entries")
        }
        memo[index] = value
    }

    /// A saved memo entry, which must exist.
    private func recall(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw fail("memo entry \(index) is read before it is written") }
        return value
    }

    // MARK: Running

    /// Runs opcodes until STOP and returns the value on top of the stack.
    private func run() throws -> PickleValue {
        while true {
            opcodeStart = position
            guard position < bytes.count else { throw fail("the pickle ends without a STOP opcode") }
            let opcode = bytes[position]
            position += 1
            switch opcode {
            case 0x80:  // PROTO
                let version = try unsigned(1)
                guard version <= 5 else { throw fail("pickle protocol \(version) is newer than 5, the newest gatescope reads") }
            case 0x95:  // FRAME: a length hint only
                _ = try length(8)
            case 0x2E:  // STOP
                guard let top = stack.last else { throw fail("STOP with an empty stack") }
                return top
            case 0x28:  // MARK
                guard marks.count < Unpickler.maximumMarks else { throw fail("more than \(Unpickler.maximumMarks) open MARKs") }
                marks.append(stack.count)
            case 0x30: _ = try pop()  // POP
            case 0x31: _ = try popToMark()  // POP_MARK
            case 0x32:  // DUP
                guard let top = stack.last else { throw fail("DUP with an empty stack") }
                try push(top)
            case 0x4E: try push(.none)  // NONE
            case 0x88: try push(.bool(true))  // NEWTRUE
            case 0x89: try push(.bool(false))  // NEWFALSE
            case 0x4A: try push(.int(Int64(Int32(truncatingIfNeeded: try unsigned(4)))))  // BININT
            case 0x4B: try push(.int(Int64(try unsigned(1))))  // BININT1
            case 0x4D: try push(.int(Int64(try unsigned(2))))  // BININT2
            case 0x8A: try push(try long(try length(1)))  // LONG1
            case 0x8B: try push(try long(try length(4)))  // LONG4
            case 0x47:  // BINFLOAT, big-endian
                let raw = try take(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                try push(.float(Double(bitPattern: raw)))
            case 0x58: try push(.string(try text(try length(4))))  // BINUNICODE
            case 0x8C: try push(.string(try text(try length(1))))  // SHORT_BINUNICODE
            case 0x8D: try push(.string(try text(try length(8))))  // BINUNICODE8
            case 0x55: try push(.string(try text(try length(1))))  // SHORT_BINSTRING (Python 2 str)
            case 0x54: try push(.string(try text(try length(4))))  // BINSTRING
            case 0x43: try push(.bytes(Array(try take(try length(1)))))  // SHORT_BINBYTES
            case 0x42: try push(.bytes(Array(try take(try length(4)))))  // BINBYTES
            case 0x8E, 0x96: try push(.bytes(Array(try take(try length(8)))))  // BINBYTES8, BYTEARRAY8
            case 0x29: try push(.tuple(sequence([])))  // EMPTY_TUPLE
            case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                let count = Int(opcode - 0x84)
                guard stack.count - count >= (marks.last ?? 0) else { throw fail("TUPLE\(count) needs \(count) values on the stack") }
                let items = Array(stack.suffix(count))
                stack.removeLast(count)
                try push(.tuple(sequence(items)))
            case 0x74: try push(.tuple(sequence(try popToMark())))  // TUPLE
            case 0x5D: try push(.list(sequence([])))  // EMPTY_LIST
            case 0x6C: try push(.list(sequence(try popToMark())))  // LIST
            case 0x7D: try push(.dict(newDictionary()))  // EMPTY_DICT
            case 0x64:  // DICT
                let dictionary = newDictionary()
                try setItems(dictionary: dictionary, try popToMark())
                try push(.dict(dictionary))
            case 0x8F: try push(.list(sequence([])))  // EMPTY_SET: kept as a list
            case 0x91: try push(.list(sequence(try popToMark())))  // FROZENSET
            case 0x90: try append(try popToMark(), what: "ADDITEMS")  // ADDITEMS
            case 0x61: try append([try pop()], what: "APPEND")  // APPEND
            case 0x65: try append(try popToMark(), what: "APPENDS")  // APPENDS
            case 0x73:  // SETITEM
                let value = try pop()
                let key = try pop()
                try setItems([key, value])
            case 0x75: try setItems(try popToMark())  // SETITEMS
            case 0x71: try remember(Int(try unsigned(1)), try top())  // BINPUT
            case 0x72: try remember(Int(try unsigned(4)), try top())  // LONG_BINPUT
            case 0x94: try remember(memo.count, try top())  // MEMOIZE
            case 0x68: try push(try recall(Int(try unsigned(1))))  // BINGET
            case 0x6A: try push(try recall(Int(try unsigned(4))))  // LONG_BINGET
            case 0x63:  // GLOBAL
                let module = try line()
                try push(.global(PickleGlobal(module: module, name: try line())))
            case 0x93:  // STACK_GLOBAL
                guard case .string(let name) = try pop(), case .string(let module) = try pop() else {
                    throw fail("STACK_GLOBAL needs two strings")
                }
                try push(.global(PickleGlobal(module: module, name: name)))
            case 0x52:  // REDUCE
                let arguments = try pop()
                let callable = try pop()
                try push(try reduce(callable, arguments))
            case 0x81:  // NEWOBJ
                let arguments = try pop()
                try push(try construct(try pop(), arguments))
            case 0x92:  // NEWOBJ_EX: kwargs are dropped
                _ = try pop()
                let arguments = try pop()
                try push(try construct(try pop(), arguments))
            case 0x62:  // BUILD
                let state = try pop()
                if case .object(let object) = try top() { object.state = state }
                // BUILD on a dict (OrderedDict's _metadata), tensor or storage sets attributes gatescope ignores.
            case 0x51:  // BINPERSID
                try push(try persistent(try pop()))
            case 0x50:  // PERSID (protocol 0): the id is a line of text
                try push(try persistent(.string(try line())))
            default:
                throw fail("opcode \(Unpickler.opcodeName(opcode)) is not one gatescope reads (it reads only what torch.save and torch.jit.save write)")
            }
        }
    }

    /// The persistent-id handler's value, its errors placed at this opcode.
    private func persistent(_ id: PickleValue) throws -> PickleValue {
        do {
            return try persistentLoad(id)
        } catch let error as FormatError {
            throw FormatError("\(error.message) (at byte \(opcodeStart))", source: source)
        }
    }

    /// The value on top of the stack, above the innermost MARK.
    private func top() throws -> PickleValue {
        guard let value = stack.last, stack.count > (marks.last ?? 0) else { throw fail("an opcode reads an empty stack") }
        return value
    }

    /// A little-endian two's-complement integer of `count` bytes (LONG1/LONG4).
    private func long(_ count: Int) throws -> PickleValue {
        let raw = try take(count)
        guard count <= 8 else { return .bigInt }
        guard count > 0 else { return .int(0) }
        var value: UInt64 = 0
        for (shift, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        if count < 8, raw.last! & 0x80 != 0 { value |= ~0 << (8 * UInt64(count)) }
        return .int(Int64(bitPattern: value))
    }

    /// APPEND(S) / ADDITEMS onto the list (or list-like object) on top.
    private func append(_ values: [PickleValue], what: String) throws {
        switch try top() {
        case .list(let list): list.items += values
        case .object(let object): object.items += values
        case let other: throw fail("\(what) to \(other.kindName)")
        }
    }

    /// SETITEM(S) onto the dict (or dict-like object) on top.
    private func setItems(_ flat: [PickleValue]) throws {
        switch try top() {
        case .dict(let dictionary): try setItems(dictionary: dictionary, flat)
        case .object(let object):
            guard flat.count % 2 == 0 else { throw fail("SETITEMS with an odd number of values") }
            for index in stride(from: 0, to: flat.count, by: 2) { object.entries.append((flat[index], flat[index + 1])) }
        case let other: throw fail("SETITEM on \(other.kindName)")
        }
    }

    /// Key/value pairs from a flat list into `dictionary`.
    private func setItems(dictionary: PickleDictionary, _ flat: [PickleValue]) throws {
        guard flat.count % 2 == 0 else { throw fail("SETITEMS with an odd number of values") }
        for index in stride(from: 0, to: flat.count, by: 2) { dictionary.entries.append((flat[index], flat[index + 1])) }
    }

    /// REDUCE: a known global's result (``TorchPickleGlobals``), else an opaque object.
    private func reduce(_ callable: PickleValue, _ arguments: PickleValue) throws -> PickleValue {
        guard case .global(let global) = callable else {
            throw fail("REDUCE calls \(callable.kindName), not a global")
        }
        guard let items = arguments.items else { throw fail("REDUCE's arguments are \(arguments.kindName), not a tuple") }
        do {
            if let value = try TorchPickleGlobals.call(global, items, makeDictionary: { .dict(self.newDictionary()) },
                                                       makeObject: { self.newObject($0, $1) },
                                                       makeList: { .list(self.sequence($0)) }) {
                return value
            }
        } catch let error as TorchPickleGlobals.CallError {
            throw fail(error.message)
        }
        return newObject(global, items)
    }

    /// NEWOBJ: `cls.__new__(cls, *args)`; a dict subclass stays a dict, anything else is opaque.
    private func construct(_ type: PickleValue, _ arguments: PickleValue) throws -> PickleValue {
        guard case .global(let global) = type else { throw fail("NEWOBJ makes \(type.kindName), not a class") }
        guard let items = arguments.items else { throw fail("NEWOBJ's arguments are \(arguments.kindName), not a tuple") }
        if TorchPickleGlobals.isDictionary(global) { return .dict(newDictionary()) }
        return newObject(global, items)
    }

    /// `0x63 (GLOBAL)`-style names for the opcodes gatescope refuses or does not know.
    static func opcodeName(_ opcode: UInt8) -> String {
        let names: [UInt8: String] = [
            0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4",
            0x69: "INST", 0x6F: "OBJ", 0x49: "INT", 0x4C: "LONG", 0x46: "FLOAT", 0x53: "STRING",
            0x56: "UNICODE", 0x70: "PUT", 0x67: "GET",
        ]
        let hex = String(opcode, radix: 16)
        return "0x" + (hex.count < 2 ? "0" + hex : hex) + (names[opcode].map { " (\($0))" } ?? "")
    }
}
