import GateCore

/// Loads an input sequence for a network: `.csv` (rows are timesteps), `.npy` (T, X), or text
/// (`.txt`, or any other file when the model has a vocabulary), checked against the model's input size.
///
/// Text is split into characters when every vocabulary entry is one character, else into
/// whitespace-separated words. For a model with an embedding, a one-column CSV or `.npy` of whole
/// numbers is read as token ids.
public enum SequenceLoader {
    /// Loads the file at `path` for `network`.
    public static func load(path: String, for network: RecurrentNetwork) throws -> LoadedSequence {
        let lower = path.lowercased()
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") {
            let csv = try CSVSequence(path: path)
            return try numeric(csv.matrix, for: network, source: path, name: name, unit: "columns")
        }
        if lower.hasSuffix(".npy") {
            let matrix = try NpyArray(path: path).matrix(source: path)
            return try numeric(matrix, for: network, source: path, name: name, unit: "features per step")
        }
        if lower.hasSuffix(".npz") || lower.hasSuffix(".safetensors") || lower.hasSuffix(".pt") {
            throw FormatError("is not an input format gatescope reads; save the sequence as .csv (rows are timesteps) or .npy (T, X)", source: path)
        }
        if lower.hasSuffix(".txt") || network.vocabulary != nil {
            return try text(bytes: try FileBytes.read(path: path), for: network, source: path)
        }
        let csv = try CSVSequence(path: path)
        return try numeric(csv.matrix, for: network, source: path, name: name, unit: "columns")
    }

    /// Loads a sequence read whole from standard input (named so in errors): text for a model with a
    /// vocabulary, else CSV rows.
    public static func load(standardInput bytes: [UInt8], for network: RecurrentNetwork) throws -> LoadedSequence {
        let source = "standard input"
        if network.vocabulary != nil { return try text(bytes: bytes, for: network, source: source) }
        let csv = try CSVSequence(bytes: bytes, source: source)
        return try numeric(csv.matrix, for: network, source: source, name: source, unit: "columns")
    }

    /// Text bytes from `source` (a file, standard input): checked UTF-8, without a byte order mark, Windows
    /// line ends or a last newline the vocabulary does not hold; tokenised and embedded.
    static func text(bytes: [UInt8], for network: RecurrentNetwork, source: String) throws -> LoadedSequence {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw FormatError("is not valid UTF-8 text (byte \(offset)); save it as UTF-8", source: source)
        }
        let vocabulary = network.vocabulary ?? []
        var scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
        // As for CSV: a byte order mark and Windows line ends are how the file was saved, not text.
        if scalars.first == "\u{FEFF}", !vocabulary.contains("\u{FEFF}") { scalars.removeFirst() }
        if !vocabulary.contains("\r"), !vocabulary.contains("\r\n") {
            var unix = String.UnicodeScalarView()
            var previousCR = false
            for scalar in scalars {
                if previousCR && scalar != "\n" { unix.append("\n") }
                previousCR = scalar == "\r"
                if !previousCR { unix.append(scalar) }
            }
            if previousCR { unix.append("\n") }
            scalars = unix
        }
        if scalars.last == "\n", !vocabulary.contains("\n") { scalars.removeLast() }
        let text = String(scalars)
        return try self.text(text, for: network, source: source)
    }

    /// Tokenises `text` with the network's vocabulary and embeds it.
    public static func text(_ text: String, for network: RecurrentNetwork, source: String? = nil) throws -> LoadedSequence {
        let label = source ?? "text:" + String(text.prefix(40))
        guard let vocabulary = network.vocabulary else {
            throw FormatError("the model has no vocabulary, so it cannot read text; give --input a .csv or .npy file, or pass --vocab FILE (one token per line)", source: source)
        }
        let isCharacterLevel = vocabulary.allSatisfy { $0.unicodeScalars.count == 1 }
        let tokens = isCharacterLevel
            ? try TextSequence.characterIndices(of: text, vocabulary: vocabulary, source: source)
            : try TextSequence.wordIndices(of: text, vocabulary: vocabulary, source: source)
        guard !tokens.isEmpty else { throw FormatError("the text is empty; give at least one character", source: source) }
        return try self.tokens(tokens, for: network, source: label)
    }

    /// Embeds token ids (embedding rows, or one-hot vectors without an embedding).
    public static func tokens(_ tokens: [Int], for network: RecurrentNetwork, source: String) throws -> LoadedSequence {
        do {
            return LoadedSequence(input: try network.encode(tokens: tokens), tokens: tokens, source: source)
        } catch {
            throw FormatError("\(error.message); the input does not fit the model's vocabulary", source: source)
        }
    }

    /// Checks a numeric sequence against the model (or reads one column of ids for an embedding model).
    static func numeric(_ matrix: Matrix, for network: RecurrentNetwork, source: String, name: String,
                        unit: String) throws -> LoadedSequence {
        guard matrix.rows > 0 else {
            throw FormatError("holds no timesteps; give at least one row", source: source)
        }
        if network.embedding != nil, matrix.columns == 1,
           matrix.values.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 16_777_216 }) {
            return try tokens(matrix.values.map { Int($0) }, for: network, source: source)
        }
        guard matrix.columns == network.inputSize else {
            let takes = network.inputSize == 1 ? "1 feature" : "\(network.inputSize) features"
            let tokenHint = network.embedding != nil ? " (or one column of token ids)" : ""
            throw FormatError("\(name) has \(matrix.columns) \(unit) but the model takes \(takes) per step\(tokenHint); give one column per input feature", source: nil)
        }
        do {
            try network.checkInput(matrix)
        } catch {
            throw FormatError("\(error.message)", source: source)
        }
        return LoadedSequence(input: matrix, source: source)
    }
}
