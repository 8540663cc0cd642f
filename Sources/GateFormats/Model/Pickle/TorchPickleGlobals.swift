/// The globals a torch checkpoint calls, each handled without running Python; REDUCE on any other
/// global makes an opaque ``PickleObject`` instead.
enum TorchPickleGlobals {
    /// A known global called with arguments it cannot take.
    struct CallError: Error {
        /// What is wrong, without source or position.
        let message: String
    }

    /// True for `collections.OrderedDict` and `builtins.dict`, which become plain dicts.
    static func isDictionary(_ global: PickleGlobal) -> Bool {
        (global.module == "collections" && global.name == "OrderedDict")
            || (global.module == "builtins" || global.module == "__builtin__") && global.name == "dict"
    }

    /// The result of calling `global` with `arguments`, or nil when the global is not known.
    static func call(_ global: PickleGlobal, _ arguments: [PickleValue],
                     makeDictionary: () -> PickleValue,
                     makeObject: (PickleGlobal, [PickleValue]) -> PickleValue,
                     makeList: ([PickleValue]) -> PickleValue) throws -> PickleValue? {
        if isDictionary(global) { return makeDictionary() }
        switch (global.module, global.name) {
        case ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"):
            return .tensor(try tensor(arguments, caller: global))
        case ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"),
             ("torch.jit._pickle", "restore_type_tag"), ("torch.jit._pickle", "build_tensorlist"),
             ("torch.jit._pickle", "build_intlist"), ("torch.jit._pickle", "build_doublelist"),
             ("torch.jit._pickle", "build_boollist"), ("torch.jit._pickle", "build_tensor_from_id"):
            // The first argument is the value (a parameter's data, a tagged list).
            guard let first = arguments.first else { throw CallError(message: "\(global) is called without arguments") }
            return first
        case ("torch._tensor", "_rebuild_from_type_v2"), ("torch._tensor", "_rebuild_from_type"):
            // (function, subclass, arguments, state): the function's result stands for the subclass instance.
            guard arguments.count >= 3, case .global(let function) = arguments[0], let inner = arguments[2].items else {
                throw CallError(message: "\(global) is called with arguments it does not take")
            }
            return try call(function, inner, makeDictionary: makeDictionary, makeObject: makeObject, makeList: makeList)
                ?? makeObject(function, inner)
        case ("copyreg", "_reconstructor"), ("copy_reg", "_reconstructor"):
            // (class, base, state): an instance of the class, e.g. a pickled nn.Module.
            guard case .global(let type)? = arguments.first else {
                throw CallError(message: "\(global) is called without a class")
            }
            return isDictionary(type) ? makeDictionary() : makeObject(type, Array(arguments.dropFirst()))
        case ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "list"), ("builtins", "tuple"):
            return makeList(arguments.first?.items ?? [])
        default:
            return nil
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])`.
    static func tensor(_ arguments: [PickleValue], caller: PickleGlobal) throws -> TorchTensorReference {
        guard arguments.count >= 4, case .storage(let storage) = arguments[0] else {
            throw CallError(message: "\(caller) is called without a storage and its view (got \(arguments.first?.kindName ?? "nothing"))")
        }
        guard let offset = arguments[1].intValue,
              let shape = arguments[2].items.flatMap({ integers($0) }),
              let stride = arguments[3].items.flatMap({ integers($0) }) else {
            throw CallError(message: "\(caller) is given an offset, size or stride that is not made of integers")
        }
        guard shape.count <= 64 else { throw CallError(message: "a tensor has \(shape.count) dimensions, more than 64") }
        return TorchTensorReference(storage: storage, offset: offset, shape: shape, stride: stride)
    }

    /// The values as `Int`s, or nil when one is not an integer.
    private static func integers(_ values: [PickleValue]) -> [Int]? {
        var out: [Int] = []
        for value in values {
            guard let number = value.intValue else { return nil }
            out.append(number)
        }
        return out
    }
}
