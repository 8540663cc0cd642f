/// Why ``StrictJSONParser`` rejected its input, and at which byte.
struct JSONSyntaxError: Error, Sendable {
    /// Byte offset into the parsed text.
    let offset: Int
    /// What was wrong there.
    let reason: String
}
