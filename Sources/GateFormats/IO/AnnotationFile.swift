import GateCore

/// Annotation tracks from a CSV file (`--annotate FILE.csv`): a header row naming the tracks, then one
/// row per step. A column whose every non-empty field is a number is a numeric track; any other column
/// is a label track. Empty fields mean "nothing at this step". Comma, tab or semicolon separated.
public enum AnnotationFile {
    /// Longest label or name kept (longer ones are refused: annotations are short facts).
    public static let maximumFieldLength = 200

    /// Reads the tracks at `path`; there must be exactly `steps` data rows.
    public static func read(path: String, steps: Int) throws -> [AnnotationTrack] {
        try parse(bytes: try FileBytes.read(path: path), steps: steps, source: path)
    }

    /// Parses CSV bytes into tracks of `steps` rows; `source` names the file in errors.
    public static func parse(bytes input: [UInt8], steps: Int, source: String) throws -> [AnnotationTrack] {
        guard validUTF8(input) else { throw FormatError("is not UTF-8 text; save the annotations as a UTF-8 CSV", source: source) }
        let records = try CSVSequence.records(input, source: source)
        guard let header = records.first else {
            throw FormatError("is empty; an annotation CSV needs a header row naming the tracks, then one row per step", source: source)
        }
        let names = header.fields.map(CSVSequence.trimmed)
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else { throw FormatError("column \(index + 1) of the header has no name; name every track", source: source) }
            guard name.count <= maximumFieldLength, name.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
                throw FormatError("column \(index + 1)'s name is too long or holds control characters; use a short name", source: source)
            }
            if names[..<index].contains(name) { throw FormatError("two columns are called '\(name)'; give each track its own name", source: source) }
        }
        let rows = records.dropFirst()
        guard rows.count == steps else {
            throw FormatError("has \(rows.count) data row\(rows.count == 1 ? "" : "s") but the input has \(steps) steps; give one row per step (after the header)", source: source)
        }
        var columns = [[String]](repeating: [], count: names.count)
        for record in rows {
            let fields = record.isBlank ? [String](repeating: "", count: names.count) : record.fields
            guard fields.count == names.count else {
                throw FormatError("line \(record.line) has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(names.count); every row needs the same number", source: source)
            }
            for (column, field) in fields.enumerated() {
                let text = CSVSequence.trimmed(field)
                guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw FormatError("line \(record.line), column '\(names[column])': a label holds a control character (a newline or tab inside quotes); use plain text", source: source)
                }
                guard text.count <= maximumFieldLength else {
                    throw FormatError("line \(record.line), column '\(names[column])': a label of \(text.count) characters; keep labels under \(maximumFieldLength)", source: source)
                }
                columns[column].append(text)
            }
        }
        return zip(names, columns).map { name, texts in
            let numbers = texts.map { $0.isEmpty ? Float.nan : (finiteFloat($0) ?? .infinity) }
            let isNumeric = texts.contains { !$0.isEmpty } && !numbers.contains(.infinity)
            return AnnotationTrack(name: name, values: isNumeric ? .numbers(numbers) : .labels(texts))
        }
    }

    /// The field as a finite Float, or nil.
    static func finiteFloat(_ text: String) -> Float? {
        guard let value = CSVSequence.number(in: text), value.isFinite,
              abs(value) <= Double(Float.greatestFiniteMagnitude) else { return nil }
        return Float(value)
    }

    /// Whether `bytes` are valid UTF-8.
    static func validUTF8(_ bytes: [UInt8]) -> Bool {
        UTF8Validation.firstInvalidOffset(in: bytes) == nil
    }
}
