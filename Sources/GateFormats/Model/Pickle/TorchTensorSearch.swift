/// Finds every tensor in an unpickled torch object and gives each the name `state_dict()` would:
/// dict keys and attribute names joined by dots, with an `nn.Module`'s `_parameters`, `_buffers` and
/// `_modules` left out. A tensor reachable by several paths keeps its plainest names: those with the
/// fewest components starting with `_` or coming from lists and call arguments (so TorchScript's
/// `_flat_weights` copies disappear, while tied weights such as `embed.weight` and `fc.weight`, equally
/// plain, both stay). Control characters in names are escaped.
struct TorchTensorSearch {
    /// A tensor and the name it was found under.
    struct Found {
        /// Its dotted name.
        let name: String
        /// The storage view.
        let reference: TorchTensorReference
    }

    /// Paths deeper than this are not followed.
    static let maximumDepth = 64
    /// Longer dict keys and attribute names are cut to this many characters.
    static let maximumComponentLength = 200
    /// Containers of an `nn.Module`'s `__dict__` whose names `state_dict()` leaves out.
    static let transparentKeys: Set<String> = ["_parameters", "_buffers", "_modules"]

    /// A tensor view and its plainest names so far.
    private struct Candidate {
        /// Its names of the lowest rank.
        var names: [String]
        /// How unplain those names are.
        var rank: Int
        /// The view.
        let reference: TorchTensorReference
    }

    /// A value still to search, with its path.
    private struct Step {
        /// The value.
        let value: PickleValue
        /// Its name components.
        let path: [String]
        /// The penalty its path has collected.
        let rank: Int
    }

    /// Tensors found, in order.
    private var candidates: [Candidate] = []
    /// Candidate index by view identity.
    private var indexByView: [TensorView: Int] = [:]
    /// Containers already searched (pickles may hold cycles).
    private var visited: Set<ObjectIdentifier> = []

    /// The identity of a tensor view: same storage, offset, shape and stride.
    private struct TensorView: Hashable {
        /// The pickle the storage came from.
        let directory: String
        /// The storage's record key.
        let key: String
        /// Storage elements skipped.
        let offset: Int
        /// The shape.
        let shape: [Int]
        /// The strides.
        let stride: [Int]
    }

    /// Searches `root`, naming tensors under `prefix` (empty for `data.pkl`) with rank `baseRank`.
    mutating func search(_ root: PickleValue, prefix: [String] = [], baseRank: Int = 0) {
        var pending = [Step(value: root, path: prefix, rank: baseRank)]
        while let step = pending.popLast() {
            var children: [Step] = []
            func child(_ value: PickleValue, _ component: String?, penalty: Int) {
                guard step.path.count < TorchTensorSearch.maximumDepth else { return }
                var rank = step.rank + penalty
                var path = step.path
                if var component {
                    // No state-dict key is this long; a crafted one must not multiply into huge names.
                    if component.utf8.count > TorchTensorSearch.maximumComponentLength {
                        component = String(component.prefix(TorchTensorSearch.maximumComponentLength)) + "…"
                    }
                    if !TorchTensorSearch.transparentKeys.contains(component) {
                        path.append(component)
                        if component.hasPrefix("_") { rank += 1 }
                    }
                }
                children.append(Step(value: value, path: path, rank: rank))
            }
            func entries(_ list: [(key: PickleValue, value: PickleValue)]) {
                for (key, value) in list {
                    switch key {
                    case .string(let text): child(value, text, penalty: 0)
                    case .int(let number): child(value, String(number), penalty: 0)
                    default: continue
                    }
                }
            }
            switch step.value {
            case .tensor(let reference):
                record(reference, path: step.path, rank: step.rank)
            case .dict(let dictionary):
                guard visited.insert(ObjectIdentifier(dictionary)).inserted else { continue }
                entries(dictionary.entries)
            case .list(let sequence), .tuple(let sequence):
                guard visited.insert(ObjectIdentifier(sequence)).inserted else { continue }
                for (index, item) in sequence.items.enumerated() { child(item, String(index), penalty: 1) }
            case .object(let object):
                guard visited.insert(ObjectIdentifier(object)).inserted else { continue }
                switch object.state {
                case .dict(let dictionary):
                    // __dict__ belongs to the object: its keys name attributes directly.
                    if visited.insert(ObjectIdentifier(dictionary)).inserted { entries(dictionary.entries) }
                case .tuple(let pair) where pair.items.count == 2:
                    // (__dict__, __slots__ state)
                    for part in pair.items { child(part, nil, penalty: 0) }
                default:
                    child(object.state, nil, penalty: 1)
                }
                entries(object.entries)
                for (index, item) in object.items.enumerated() { child(item, String(index), penalty: 1) }
                for (index, argument) in object.arguments.enumerated() { child(argument, String(index), penalty: 2) }
            default:
                continue
            }
            pending.append(contentsOf: children.reversed())
        }
    }

    /// Notes a tensor found at `path`.
    private mutating func record(_ reference: TorchTensorReference, path: [String], rank: Int) {
        let name = path.isEmpty ? "tensor" : ZipArchive.escaped(path.joined(separator: "."))
        let view = TensorView(directory: reference.storage.directory, key: reference.storage.key,
                              offset: reference.offset, shape: reference.shape, stride: reference.stride)
        guard let index = indexByView[view] else {
            indexByView[view] = candidates.count
            candidates.append(Candidate(names: [name], rank: rank, reference: reference))
            return
        }
        if rank < candidates[index].rank {
            candidates[index].names = [name]
            candidates[index].rank = rank
        } else if rank == candidates[index].rank, !candidates[index].names.contains(name) {
            candidates[index].names.append(name)
        }
    }

    /// The tensors found, in the order first met, each under one unique name (a later tensor whose
    /// name is taken gets `#2`, `#3`, … appended).
    var found: [Found] {
        var taken: Set<String> = []
        return candidates.flatMap { candidate in
            candidate.names.map { base in
                var name = base
                var copy = 2
                while taken.contains(name) {
                    name = base + "#\(copy)"
                    copy += 1
                }
                taken.insert(name)
                return Found(name: name, reference: candidate.reference)
            }
        }
    }
}
