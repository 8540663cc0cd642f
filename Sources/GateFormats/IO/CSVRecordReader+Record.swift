extension CSVRecordReader {
    /// One parsed row.
    struct Record {
        /// 1-based line number where the record starts.
        var line: Int
        /// Field texts with quotes removed.
        var fields: [String]
        /// True when the record is one empty unquoted field (a blank line).
        var isBlank: Bool { fields.count == 1 && fields[0].isEmpty && !quoted }
        /// Whether any field was quoted.
        var quoted: Bool
    }
}
