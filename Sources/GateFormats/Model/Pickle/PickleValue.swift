/// A Python value rebuilt by ``Unpickler`` without running any Python: plain values, containers,
/// references to globals, opaque instances, and the storages and tensors of a torch checkpoint.
///
/// Containers are reference types (pickle mutates them after creation through the memo); the
/// unpickler tracks every one it makes and empties them when done, so that no chain of containers is
/// freed recursively (a crafted file could nest a million deep).
enum PickleValue {
    case none
    case bool(Bool)
    case int(Int64)
    /// An integer wider than 64 bits, kept only as a marker.
    case bigInt
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple(PickleSequence)
    case list(PickleSequence)
    case dict(PickleDictionary)
    /// A reference to `module.name`, e.g. a class or function, never resolved or run.
    case global(PickleGlobal)
    /// An instance of a class gatescope does not know: its arguments and state are kept to be searched.
    case object(PickleObject)
    case storage(TorchStorageReference)
    case tensor(TorchTensorReference)

    /// A short description for error messages (`a tuple`, `collections.OrderedDict`, …).
    var kindName: String {
        switch self {
        case .none: "None"
        case .bool: "a bool"
        case .int, .bigInt: "an int"
        case .float: "a float"
        case .string: "a str"
        case .bytes: "bytes"
        case .tuple: "a tuple"
        case .list: "a list"
        case .dict: "a dict"
        case .global(let global): "the global \(global)"
        case .object(let object): "an instance of \(object.type)"
        case .storage: "a storage"
        case .tensor: "a tensor"
        }
    }

    /// The items of a tuple or list.
    var items: [PickleValue]? {
        switch self {
        case .tuple(let sequence), .list(let sequence): sequence.items
        default: nil
        }
    }

    /// The value as an `Int`, for ints.
    var intValue: Int? {
        if case .int(let value) = self { return Int(exactly: value) }
        return nil
    }
}

/// A container the unpickler made; ``clear()`` drops its children so teardown never recurses deeply.
class PickleNode {
    /// Drops every reference this node holds.
    func clear() {}
}

/// The items of a tuple, list or set.
final class PickleSequence: PickleNode {
    /// The items in order.
    var items: [PickleValue]

    init(_ items: [PickleValue]) { self.items = items }

    override func clear() { items = [] }
}

/// A dict's entries in insertion order (keys need not be hashable here; nothing looks them up).
final class PickleDictionary: PickleNode {
    /// Key/value pairs in the order they were set.
    var entries: [(key: PickleValue, value: PickleValue)] = []

    override func clear() { entries = [] }
}

/// An instance of a class outside gatescope's short list, built by REDUCE or NEWOBJ and given state
/// by BUILD (a whole pickled `nn.Module`, a TorchScript module, a `torch.device`, …).
final class PickleObject: PickleNode {
    /// The class (or, for REDUCE, the callable) that made it.
    let type: PickleGlobal
    /// The arguments it was made with.
    var arguments: [PickleValue]
    /// What BUILD gave it (usually its `__dict__`).
    var state: PickleValue = .none
    /// Entries set on it as on a dict (a dict subclass).
    var entries: [(key: PickleValue, value: PickleValue)] = []
    /// Items appended to it as to a list (a list subclass).
    var items: [PickleValue] = []

    init(type: PickleGlobal, arguments: [PickleValue]) {
        self.type = type
        self.arguments = arguments
    }

    override func clear() {
        arguments = []
        state = .none
        entries = []
        items = []
    }
}

/// `module.name` as a pickle's GLOBAL or STACK_GLOBAL names it.
struct PickleGlobal: Equatable, Hashable, CustomStringConvertible {
    /// The module, e.g. `torch._utils`.
    let module: String
    /// The attribute, e.g. `_rebuild_tensor_v2`.
    let name: String

    var description: String { ZipArchive.printable(module + "." + name) }
}
