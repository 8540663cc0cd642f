/// Turns text into token indices for a character- or word-level vocabulary.
public enum TextSequence {
    /// Indices of each Unicode scalar of `text` in `vocabulary` (one character per entry), the way
    /// Python's `[vocab.index(c) for c in text]` splits text.
    ///
    /// Throws a ``FormatError`` naming the first character not in the vocabulary, where it is,
    /// and a few of the characters the vocabulary does have.
    public static func characterIndices(of text: String, vocabulary: [String], source: String? = nil) throws -> [Int] {
        var indexByScalar: [Unicode.Scalar: Int] = [:]
        for (index, entry) in vocabulary.enumerated() {
            let scalars = entry.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else {
                throw FormatError("vocabulary entry \(index) is \(quote(entry)), not a single character; a character vocabulary has one character per entry", source: source)
            }
            if indexByScalar[scalar] == nil { indexByScalar[scalar] = index }
        }
        var indices: [Int] = []
        indices.reserveCapacity(text.unicodeScalars.count)
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            guard let index = indexByScalar[scalar] else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                throw FormatError("character \(quote(String(scalar))) (\(code)) at line \(line), column \(column) is not in the vocabulary of \(vocabulary.count) characters (\(sample(vocabulary))); use only these characters or a model trained on a larger vocabulary", source: source)
            }
            indices.append(index)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return indices
    }

    /// Indices of the whitespace-separated words of `text` in `vocabulary`, Penn Treebank style
    /// (as in pytorch/examples word_language_model): each line is split on whitespace and, when
    /// the vocabulary has `<eos>`, followed by `<eos>`. Words not in the vocabulary become `<unk>`
    /// when the vocabulary has it; otherwise the first unknown word is an error.
    public static func wordIndices(of text: String, vocabulary: [String], source: String? = nil) throws -> [Int] {
        var indexByWord: [String: Int] = [:]
        for (index, word) in vocabulary.enumerated() where indexByWord[word] == nil {
            indexByWord[word] = index
        }
        let unknown = indexByWord["<unk>"]
        let endOfSentence = indexByWord["<eos>"]
        // Split on Unicode scalars, as Python does: "\r\n" is one Swift Character but two code points.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        if text.unicodeScalars.last == "\n" { lines.removeLast() }
        var indices: [Int] = []
        for (lineNumber, lineScalars) in lines.enumerated() {
            let words = lineScalars.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" })
            for wordScalars in words {
                let word = String(String.UnicodeScalarView(wordScalars))
                if let index = indexByWord[word] {
                    indices.append(index)
                } else if let unknown {
                    indices.append(unknown)
                } else {
                    throw FormatError("word \(quote(word)) on line \(lineNumber + 1) is not in the vocabulary of \(vocabulary.count) words (\(sample(vocabulary))) and the vocabulary has no <unk>; use known words or add <unk> to the vocabulary", source: source)
                }
            }
            if let endOfSentence { indices.append(endOfSentence) }
        }
        return indices
    }

    /// A text quoted for a message, with control characters escaped.
    static func quote(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars.prefix(40) {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "'": out += "\\'"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + (text.unicodeScalars.count > 40 ? "…'" : "'")
    }

    /// The first few vocabulary entries, quoted, for a message.
    static func sample(_ vocabulary: [String]) -> String {
        if vocabulary.isEmpty { return "it is empty" }
        let shown = vocabulary.prefix(12).map(quote).joined(separator: " ")
        return vocabulary.count > 12 ? shown + " …" : shown
    }
}
