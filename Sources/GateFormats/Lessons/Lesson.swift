/// A guided tour through the demos: a title, a one-line summary and a list of stops. Written by
/// teachers as plain text (`docs/teaching.md`, "The lesson format"); read with `LessonParser`.
public struct Lesson: Sendable, Equatable {
    /// The lesson's name: its file name without `.lesson` ("01-conveyor-belt").
    public var name: String
    /// The heading.
    public var title: String
    /// One line on what it teaches.
    public var summary: String
    /// The directory of the file (inputs are relative to it).
    public var directory: String
    /// The stops, in order.
    public var stops: [LessonStop]

    /// A lesson from its parts.
    public init(name: String, title: String, summary: String = "", directory: String = ".", stops: [LessonStop]) {
        self.name = name
        self.title = title
        self.summary = summary
        self.directory = directory
        self.stops = stops
    }
}
