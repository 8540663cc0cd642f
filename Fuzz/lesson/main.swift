// libFuzzer target: the lesson parser and the classroom preset parser. Any text must either parse or
// throw LessonSyntaxError; an accepted lesson is well formed, and the same text with CRLF line
// endings parses to the same lesson.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ClassroomPreset.parse(text: text)
    guard let lesson = try? LessonParser.parse(text: text, name: "fuzz") else { return 0 }
    precondition(!lesson.stops.isEmpty, "a lesson without stops was accepted")
    for stop in lesson.stops {
        precondition(stop.step >= 1 && stop.layer >= 1 && stop.unit >= 1, "a 0-based position was accepted")
        precondition(!stop.narration.isEmpty, "a stop without narration was accepted")
        precondition(stop.clamps.allSatisfy { $0.value.isFinite && ($0.step ?? 1) >= 1 }, "a non-finite clamp was accepted")
    }
    if !text.contains("\r") {
        let crlf = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        guard let again = try? LessonParser.parse(text: crlf, name: "fuzz") else {
            fatalError("the lesson does not parse with CRLF line endings")
        }
        precondition(again == lesson, "CRLF line endings changed the lesson")
    }
    // The validator never traps, whatever the demo facts.
    _ = LessonValidator.problems(in: lesson) { _, _ in
        LessonDemoFacts(kind: .lstm, steps: 3, layers: 1, isBidirectional: false, units: 2)
    }
    return 0
}
