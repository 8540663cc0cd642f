import GateCanvas
/// A lesson as the explorer runs it: a title and resolved stops.
public struct TeachingLesson: Sendable {
    /// The lesson's heading.
    public var title: String
    /// The stops, in order.
    public var stops: [TeachingStop]

    /// A lesson from its parts.
    public init(title: String, stops: [TeachingStop]) {
        self.title = title
        self.stops = stops
    }
}
