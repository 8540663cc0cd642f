/// Why ``NpyHeaderParser`` rejected an .npy header dictionary.
struct NpyHeaderSyntaxError: Error, Sendable {
    /// What was wrong, with the header byte offset.
    let reason: String
}
