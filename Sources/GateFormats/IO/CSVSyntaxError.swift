/// A CSV syntax problem found by ``CSVRecordReader``.
struct CSVSyntaxError: Error, Sendable {
    /// 1-based line number.
    let line: Int
    /// What is wrong and what to do.
    let reason: String
}
