extension Matrix {
    /// Appends the rows of `other`, which must have as many columns.
    public mutating func appendRows(_ other: Matrix) {
        precondition(other.columns == columns || rows == 0)
        if rows == 0 { columns = other.columns }
        values.append(contentsOf: other.values)
        rows += other.rows
    }
}
