/// Keras 3 variable paths (`layers/lstm/cell/vars/0`, as in `.weights.h5` files and dumps of them) read
/// as the Keras 2 names the importer knows (`lstm.cell.kernel`).
///
/// Keras 3 numbers a layer's variables instead of naming them: a recurrent cell's `vars/0,1,2` are
/// kernel, recurrent_kernel and bias; a Dense layer's `vars/0,1` kernel and bias; an Embedding's `vars/0`
/// its embeddings. `layers` path components are dropped, so a layer is named as in Keras (`lstm`,
/// `bidirectional.forward_layer`). Paths outside `layers/` (`optimizer/vars/3`) are left alone.
enum KerasVariablePath {
    /// New names for the normalised `names` that are Keras 3 layer variables; the others are absent.
    /// `embeddingLayers` are the model's Embedding layers when known; otherwise a layer whose name
    /// contains `embed` is taken for one.
    static func renamed(_ names: [String], shape: (String) -> [Int]?, embeddingLayers: Set<String>?) -> [String: String] {
        var variables: [String: [(index: Int, name: String)]] = [:]
        var owners: [String] = []
        for name in names {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 4, parts[0] == "layers", parts[parts.count - 2] == "vars",
                  let index = Int(parts[parts.count - 1]), index >= 0, index < 1000 else { continue }
            let owner = parts[..<(parts.count - 2)].filter { $0 != "layers" }.joined(separator: ".")
            guard !owner.isEmpty else { continue }
            if variables[owner] == nil { owners.append(owner) }
            variables[owner, default: []].append((index, name))
        }
        var result: [String: String] = [:]
        for owner in owners {
            let members = variables[owner]!.sorted { $0.index < $1.index }
            let layer = WeightFile.split(owner).last
            let roles: [String]
            if layer == "cell" {
                roles = ["kernel", "recurrent_kernel", "bias"]
            } else if embeddingLayers?.contains(layer) ?? layer.lowercased().contains("embed") {
                roles = ["embeddings"]
            } else if let kernel = shape(members[0].name), kernel.count == 2, members[0].index == 0,
                      members.count == 1 || (members.count == 2 && members[1].index == 1 && shape(members[1].name) == [kernel[1]]) {
                roles = ["kernel", "bias"]
            } else {
                continue
            }
            for member in members where member.index < roles.count {
                result[member.name] = WeightFile.join(owner, roles[member.index])
            }
        }
        return result
    }
}
