import GateCanvas
extension String {
    /// The string right-aligned in `width` columns (unchanged when longer).
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
