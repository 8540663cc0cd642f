extension NpyHeaderParser {
    /// The three fields numpy requires.
    struct Fields: Equatable {
        /// The `descr` string, e.g. `<f4`.
        var descr: String
        /// Whether the data is stored in Fortran (column-major) order.
        var fortranOrder: Bool
        /// The array shape.
        var shape: [Int]
    }
}
