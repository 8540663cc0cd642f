/// Row-range checks shared by the trace sources.
enum TraceRows {
    /// Throws unless `rows` lies within `0..<steps`.
    static func check(_ rows: Range<Int>, steps: Int, what: String) throws {
        guard rows.lowerBound >= 0, rows.upperBound <= steps else {
            throw FormatError("rows \(rows.lowerBound)..<\(rows.upperBound) of '\(what)' are outside its \(steps) steps; ask for rows within 0..<\(steps)")
        }
    }
}
