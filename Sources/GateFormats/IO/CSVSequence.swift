#if canImport(GateCore)
import GateCore
#endif

/// A numeric sequence read from CSV: rows are timesteps, columns are features.
///
/// Accepts comma-, semicolon- or tab-separated files (the separator is the one that splits the
/// first rows into a consistent number of columns, preferring comma, then tab, then semicolon),
/// RFC 4180 quoted fields, CRLF or LF line ends, a UTF-8 byte order mark, a trailing newline and
/// trailing blank lines. The first row is a header when any of its fields is not a number.
/// Every value must be a finite number that fits in `Float`.
public struct CSVSequence: Equatable, Sendable {
    /// Column names from the header row, or nil when the file has no header.
    public let columnNames: [String]?
    /// The values, one row per timestep.
    public let matrix: Matrix

    /// Creates a sequence from a matrix and optional column names.
    public init(matrix: Matrix, columnNames: [String]? = nil) {
        self.matrix = matrix
        self.columnNames = columnNames
    }

    /// Reads the CSV file at `path`.
    public init(path: String) throws {
        try self.init(bytes: try FileBytes.read(path: path), source: path)
    }

    /// Parses CSV text.
    public init(text: String, source: String? = nil) throws {
        try self.init(bytes: Array(text.utf8), source: source)
    }

    /// Parses CSV bytes (UTF-8); `source` names the file in errors.
    public init(bytes input: [UInt8], source: String? = nil) throws {
        let records = try CSVSequence.records(input, source: source)
        guard let first = records.first else {
            throw FormatError("is empty; a sequence CSV needs one row of numbers per timestep", source: source)
        }
        let hasHeader = first.fields.contains { !CSVSequence.trimmed($0).isEmpty && CSVSequence.number(in: $0) == nil }
        let columns = first.fields.count
        let dataRecords = hasHeader ? records.dropFirst() : records[...]
        guard !dataRecords.isEmpty else {
            throw FormatError("has a header row but no data rows; add one row of numbers per timestep", source: source)
        }
        var values: [Float] = []
        values.reserveCapacity(dataRecords.count * columns)
        for record in dataRecords {
            if record.isBlank {
                throw FormatError("line \(record.line) is blank; remove blank lines between rows or fill in the timestep", source: source)
            }
            guard record.fields.count == columns else {
                let reference = hasHeader ? "the header has \(columns)" : "line \(first.line) has \(columns)"
                throw FormatError("line \(record.line) has \(record.fields.count) column\(record.fields.count == 1 ? "" : "s"), \(reference); every row needs the same number of fields", source: source)
            }
            for (column, field) in record.fields.enumerated() {
                values.append(try CSVSequence.value(field, line: record.line, column: column + 1, source: source))
            }
        }
        self.columnNames = hasHeader ? first.fields.map(CSVSequence.trimmed) : nil
        self.matrix = Matrix(rows: dataRecords.count, columns: columns, values: values)
    }

    /// The field as a finite `Float`, or a ``FormatError`` saying what is wrong with it.
    static func value(_ field: String, line: Int, column: Int, source: String?) throws -> Float {
        let text = trimmed(field)
        let place = "line \(line), column \(column)"
        let missing = "gatescope needs finite numbers — fill or drop missing values"
        guard !text.isEmpty else { throw FormatError("\(place): empty field; \(missing)", source: source) }
        guard let double = number(in: text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            let hint = text.contains(where: { $0 == "," || $0 == ";" })
                ? "gatescope reads '.' as the decimal point and one of , ; or tab as the separator"
                : "use decimal numbers such as 0.25 or -1e-3"
            throw FormatError("\(place): '\(shown)' is not a number; \(hint)", source: source)
        }
        if double.isNaN { throw FormatError("\(place): NaN; \(missing)", source: source) }
        let spelledInfinity = text.lowercased().contains("inf")
        if double.isInfinite && spelledInfinity { throw FormatError("\(place): \(double < 0 ? "-Inf" : "Inf"); \(missing)", source: source) }
        // Parse again as Float: rounding the decimal once (not via Double) gives the nearest Float.
        guard let float = Float(text), float.isFinite else {
            throw FormatError("\(place): \(text) is outside the range of Float32 (±3.4e38); rescale the data", source: source)
        }
        return float
    }

    /// Parses a decimal number (also `nan`/`inf`, which the caller rejects); nil when not a number.
    static func number(in field: String) -> Double? {
        let text = trimmed(field)
        guard !text.isEmpty, text.utf8.count <= 400 else { return nil }
        // Swift's parser also takes hexadecimal floats; CSV numbers are decimal.
        if text.utf8.contains(where: { $0 == 0x78 || $0 == 0x58 }) { return nil }
        return Double(text)
    }

    /// The field without surrounding spaces and tabs (a tab is only ever padding inside a comma- or
    /// semicolon-separated field; in a tab-separated file it is the separator).
    static func trimmed(_ field: String) -> String {
        var scalars = Substring(field).unicodeScalars
        while scalars.first == " " || scalars.first == "\t" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// The records of CSV bytes (a UTF-8 byte order mark skipped, the separator detected, trailing
    /// blank lines dropped).
    static func records(_ input: [UInt8], source: String?) throws -> [CSVRecordReader.Record] {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let separator = try detectSeparator(bytes, source: source)
        var reader = CSVRecordReader(bytes: bytes, separator: separator)
        var records: [CSVRecordReader.Record] = []
        do {
            while let record = try reader.next() { records.append(record) }
        } catch {
            throw FormatError("line \(error.line): \(error.reason)", source: source)
        }
        while let last = records.last, last.isBlank { records.removeLast() }
        return records
    }

    /// Chooses the separator that splits the first rows into a consistent number of columns.
    static func detectSeparator(_ bytes: [UInt8], source: String?) throws -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x09, 0x3B]
        var bestCount = 0
        var best: UInt8 = 0x2C
        for candidate in candidates {
            var reader = CSVRecordReader(bytes: bytes, separator: candidate)
            var counts: [Int] = []
            while counts.count < 20 {
                guard let record = try? reader.next() else { break }
                if record.isBlank { continue }
                counts.append(record.fields.count)
            }
            guard let firstCount = counts.first, firstCount > 1 else { continue }
            if counts.allSatisfy({ $0 == firstCount }) { return candidate }
            if firstCount > bestCount {
                bestCount = firstCount
                best = candidate
            }
        }
        return best
    }
}
