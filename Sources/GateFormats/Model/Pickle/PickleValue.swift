/// A Python value rebuilt by ``Unpickler`` without running any Python: plain values, containers,
/// references to globals, opaque instances, and the storages and tensors of a torch checkpoint.
///
/// Containers are reference types (pickle mutates them after creation through the memo); the
/// unpickler tracks every one it makes and empties them when done, so that no chain of containers is
/// freed recursively (a crafted file could nest a million deep).
enum PickleValue {
    /// `None`.
    case none
    /// `True` / `False`.
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// An integer wider than 64 bits, kept only as a marker.
    case bigInt
    /// A float.
    case float(Double)
    /// A str (and Python 2 str).
    case string(String)
    /// bytes or bytearray.
    case bytes([UInt8])
    /// A tuple.
    case tuple(PickleSequence)
    /// A list, set or frozenset.
    case list(PickleSequence)
    /// A dict or OrderedDict.
    case dict(PickleDictionary)
    /// A reference to `module.name`, e.g. a class or function, never resolved or run.
    case global(PickleGlobal)
    /// An instance of a class gatescope does not know: its arguments and state are kept to be searched.
    case object(PickleObject)
    /// A torch storage named by a persistent id.
    case storage(TorchStorageReference)
    /// A tensor rebuilt by `_rebuild_tensor_v2`.
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
