import GateCore

/// A safetensors weights file seen through normalised names, reading float tensors with checks and
/// remembering which ones were used.
///
/// Names are normalised so that PyTorch, Keras and h5-style paths compare alike: a `:0` suffix is
/// dropped and `/` becomes `.` (`lstm/lstm_cell/kernel:0` → `lstm.lstm_cell.kernel`), and Keras 3's
/// numbered variables get their Keras 2 names (`layers/lstm/cell/vars/0` → `lstm.cell.kernel`).
final class WeightFile {
    /// The parsed file.
    let file: SafeTensors
    /// The path for error messages.
    let source: String
    /// Original tensor names by normalised name.
    private(set) var originalNames: [String: String] = [:]
    /// Normalised names in file order.
    private(set) var names: [String] = []
    /// Normalised names of the tensors read so far.
    private(set) var used: Set<String> = []
    /// The Keras model configuration carried in the file's metadata (a converted `.keras` or `.h5` file).
    let kerasConfig: KerasModelConfig?
    /// True when the file names its Keras weights the Keras 3 way (`layers/lstm/cell/vars/0`).
    private(set) var usesKeras3Names = false

    init(file: SafeTensors, source: String) {
        self.file = file
        self.source = source
        kerasConfig = file.metadata[KerasModelConfig.metadataKey].flatMap { try? KerasModelConfig(json: Array($0.utf8), source: source) }
        var normalised: [(normal: String, original: String)] = []
        for entry in file.header.entries {
            let normal = WeightFile.normalise(entry.name)
            if originalNames[normal] == nil {
                originalNames[normal] = entry.name
                normalised.append((normal, entry.name))
            }
        }
        let embeddingLayers = kerasConfig.map { Set($0.layers.filter { $0.className == "Embedding" }.map(\.storageName)) }
        let renamed = KerasVariablePath.renamed(normalised.map(\.normal), shape: { self.shape($0) }, embeddingLayers: embeddingLayers)
        guard !renamed.isEmpty else {
            names = normalised.map(\.normal)
            return
        }
        usesKeras3Names = true
        originalNames = [:]
        for (normal, original) in normalised {
            let name = renamed[normal] ?? normal
            if originalNames[name] == nil {
                originalNames[name] = original
                names.append(name)
            }
        }
    }

    /// `lstm/lstm_cell/kernel:0` → `lstm.lstm_cell.kernel`.
    static func normalise(_ name: String) -> String {
        var text = Substring(name)
        if let colon = text.lastIndex(of: ":"), text[text.index(after: colon)...].allSatisfy(\.isNumber),
           text.index(after: colon) < text.endIndex {
            text = text[..<colon]
        }
        return String(text.map { $0 == "/" ? "." : $0 })
    }

    /// `a.b.c` → (`a.b`, `c`); a name without a dot has the empty prefix.
    static func split(_ name: String) -> (prefix: String, last: String) {
        guard let dot = name.lastIndex(of: ".") else { return ("", name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// `prefix` + `.` + `last`, or `last` alone for the empty prefix.
    static func join(_ prefix: String, _ last: String) -> String {
        prefix.isEmpty ? last : prefix + "." + last
    }

    /// True when the file holds `name` (normalised).
    func has(_ name: String) -> Bool { originalNames[name] != nil }

    /// The shape of `name`, if present.
    func shape(_ name: String) -> [Int]? {
        originalNames[name].flatMap { file.header.entry(named: $0)?.shape }
    }

    /// The stored dtype of `name`, if present.
    func dtype(_ name: String) -> TensorDType? {
        originalNames[name].flatMap { file.header.entry(named: $0)?.dtype }
    }

    /// The name as stored in the file.
    func original(_ name: String) -> String { originalNames[name] ?? name }

    /// An error about this file.
    func error(_ message: String) -> FormatError { FormatError(message, source: source) }

    /// The values of float tensor `name`, which must have exactly `shape`; checks dtype and finiteness.
    func floats(_ name: String, shape expected: [Int], role: String) throws -> [Float] {
        guard let stored = originalNames[name], let entry = file.header.entry(named: stored) else {
            throw error("tensor '\(name)' (\(role)) is missing; the file is incomplete: re-export the whole state_dict")
        }
        guard entry.dtype.isFloatingPoint else {
            throw error("tensor '\(stored)' is \(entry.dtype.rawValue), but weights must be F32, F16, BF16 or F64; convert it with .float() before saving")
        }
        guard entry.shape == expected else {
            throw error("tensor '\(stored)' (\(role)) has shape \(entry.shape) but the model needs \(expected); the weights do not belong together")
        }
        let values = try file.tensor(named: stored).floats()
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            let position = WeightFile.position(of: index, in: expected)
            throw error("tensor '\(stored)' holds \(values[index]) at \(position); the weights are corrupt (NaN/Inf): retrain or re-export the model")
        }
        used.insert(name)
        return values
    }

    /// A matrix read from `name`, rows × columns.
    func matrix(_ name: String, rows: Int, columns: Int, role: String) throws -> Matrix {
        Matrix(rows: rows, columns: columns, values: try floats(name, shape: [rows, columns], role: role))
    }

    /// `[i, j]` of a flat index in a tensor of `shape`.
    static func position(of index: Int, in shape: [Int]) -> String {
        var rest = index
        var parts: [Int] = []
        for size in shape.reversed() where size > 0 {
            parts.append(rest % size)
            rest /= size
        }
        return "[" + parts.reversed().map(String.init).joined(separator: ", ") + "]"
    }
}
