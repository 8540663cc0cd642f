import GateCanvas
import GateCore

/// Turns lines of live input into timesteps for a network: numbers separated by commas, tabs,
/// semicolons or spaces (one row per line, as many as the model's input size; header lines and
/// lines that are not numbers are skipped and counted), or, for a character model, each character
/// a step (a newline too when the vocabulary has one). One column of whole numbers is read as token
/// ids when the model has an embedding.
public struct LiveRowParser: Sendable {
    /// The network the rows are for.
    public let network: RecurrentNetwork

    /// A parser for `network`.
    public init(network: RecurrentNetwork) { self.network = network }

    /// Whether the input is characters (every vocabulary entry is one character).
    public var readsCharacters: Bool {
        guard let vocabulary = network.vocabulary, !vocabulary.isEmpty else { return false }
        return vocabulary.allSatisfy { $0.count == 1 }
    }

    /// The token id of `character`, when the vocabulary has it.
    public func token(for character: Character) -> Int? {
        network.vocabulary?.firstIndex(of: String(character))
    }

    /// The steps of `lines`: the input rows, the token ids (text and id input), and the lines or
    /// characters skipped.
    public func parse(_ lines: [String]) -> (input: Matrix, tokens: [Int]?, skipped: [String]) {
        var skipped: [String] = []
        if readsCharacters {
            var tokens: [Int] = []
            let newline = token(for: "\n")
            for line in lines {
                for character in line {
                    if let id = token(for: character) { tokens.append(id) } else { skipped.append(String(character)) }
                }
                if let newline { tokens.append(newline) }
            }
            return (encode(tokens), tokens, skipped)
        }
        let width = network.inputSize
        var values: [Float] = []
        var tokens: [Int] = []
        let readsIds = network.embedding != nil
        for line in lines {
            let fields = Self.fields(of: line)
            if fields.isEmpty { continue }
            let numbers = fields.compactMap { Float($0) }
            if readsIds, numbers.count == 1, fields.count == 1, let id = Int(exactly: numbers[0]),
               id >= 0, id < (network.embedding?.rows ?? 0) {
                tokens.append(id)
            } else if !readsIds, numbers.count == fields.count, numbers.count == width, numbers.allSatisfy(\.isFinite) {
                values += numbers
            } else {
                skipped.append(line)
            }
        }
        if readsIds { return (encode(tokens), tokens, skipped) }
        return (Matrix(rows: values.count / max(1, width), columns: width, values: values), nil, skipped)
    }

    /// The fields of a line of numbers: split at commas, semicolons, tabs, spaces and carriage returns.
    static func fields(of line: String) -> [Substring] {
        line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" || $0 == " " || $0 == "\r" })
    }

    /// Whether `line` is a row of the right count of numbers that was skipped only because one of them
    /// is NaN or infinite (not for models that read characters or token ids).
    public func isNonFiniteRow(_ line: String) -> Bool {
        guard !readsCharacters, network.embedding == nil else { return false }
        let fields = Self.fields(of: line)
        let numbers = fields.compactMap { Float($0) }
        return numbers.count == fields.count && numbers.count == network.inputSize && !numbers.allSatisfy(\.isFinite)
    }

    /// Input rows for token ids (embedding rows or one-hot vectors).
    public func encode(_ tokens: [Int]) -> Matrix {
        (try? network.encode(tokens: tokens)) ?? Matrix(rows: 0, columns: network.embedding?.columns ?? network.inputSize)
    }
}
