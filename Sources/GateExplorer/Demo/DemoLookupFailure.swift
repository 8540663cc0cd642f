/// No demos directory was found: says every place looked in and what to do.
public struct DemoLookupFailure: Error, CustomStringConvertible, Equatable {
    /// The candidates tried, in order.
    public var looked: [DemoLocation]

    /// One line for `error: …`.
    public var description: String {
        let places = looked.map { "\($0.directory) (\($0.origin.rawValue))" }.joined(separator: ", ")
        return "no demos found (no catalog.tsv in: \(places)); reinstall with scripts/install.sh or set GATESCOPE_DEMOS to a demos folder"
    }
}
