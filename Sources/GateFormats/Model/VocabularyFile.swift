import GateCore

/// A vocabulary kept beside a model: one token per line (the Penn Treebank / torchtext layout, line
/// k is token id k), or a JSON array of strings like the `vocab` metadata gatescope writes.
public enum VocabularyFile {
    /// Reads the tokens of the file at `path`.
    public static func load(path: String) throws -> [String] {
        let bytes = try FileBytes.read(path: path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FormatError("is not UTF-8 text; a vocabulary file has one token per line", source: path)
        }
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.hasPrefix("[") {
            guard case .success(let value) = StrictJSONParser.parse(Array(trimmed.utf8)), case .array(let items) = value
            else { throw FormatError("starts with '[' but is not a JSON array of strings", source: path) }
            let tokens = try items.map { item in
                guard case .string(let token) = item else {
                    throw FormatError("holds \(item.kindName), not a string; a JSON vocabulary is an array of strings", source: path)
                }
                return token
            }
            return try checked(tokens, source: path)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        while lines.last == "" { lines.removeLast() }
        return try checked(lines, source: path)
    }

    /// Gives `network` the vocabulary, checking that it has one token per input id.
    public static func apply(_ tokens: [String], to network: inout RecurrentNetwork, source: String) throws {
        let expected = network.embedding?.rows ?? network.inputSize
        guard tokens.count == expected else {
            let what = network.embedding != nil ? "embedding rows" : "one-hot inputs"
            throw FormatError("holds \(tokens.count) tokens but the model has \(expected) \(what); use the vocabulary the model was trained with", source: source)
        }
        network.vocabulary = tokens
    }

    private static func checked(_ tokens: [String], source: String) throws -> [String] {
        guard !tokens.isEmpty else { throw FormatError("holds no tokens; write one token per line", source: source) }
        var seen: [String: Int] = [:]
        for (line, token) in tokens.enumerated() {
            if let first = seen[token] {
                throw FormatError("line \(line + 1) repeats the token '\(token)' of line \(first + 1); each token must appear once", source: source)
            }
            seen[token] = line
        }
        return tokens
    }
}
