import GateCore
import GateFormats
import Testing

/// The lesson format: parsing, one-line errors naming the line, validation against demo facts.
@Suite struct LessonParserTests {
    static let sample = """
        # a comment
        lesson: Test
        about: one line
        stop: First
          demo: brackets
          step: 3
          unit: 2
          panel: forget
          clamp: forget 1 at 3
          clamp: input bias -2
          say: one
          say: two
          ask: why?
          answer: because
        stop: Second
          demo: brackets-bidir
          direction: reverse
          step: 1
          view: gradient
          twin: brackets
          say: three
        """

    @Test func parsesEveryField() throws {
        let lesson = try LessonParser.parse(text: Self.sample, name: "test")
        #expect(lesson.title == "Test" && lesson.summary == "one line" && lesson.stops.count == 2)
        let first = lesson.stops[0]
        #expect(first.demo == "brackets" && first.step == 3 && first.unit == 2 && first.panel == "forget")
        #expect(first.clamps == [LessonClamp(gate: "forget", value: 1, step: 3),
                                 LessonClamp(gate: "input", value: -2, isBiasShift: true)])
        #expect(first.narration == ["one", "two"] && first.question == "why?" && first.answer == "because")
        #expect(first.line == 4 && first.line(of: "step") == 6)
        let second = lesson.stops[1]
        #expect(second.isReverse && second.view == .gradient && second.twin == "brackets" && second.panel == "cell")
    }

    @Test(arguments: [
        ("stop: x\n", 1, "lesson: TITLE"),
        ("lesson: a\nstop: s\n demo: d\n step: zero\n", 4, "whole number"),
        ("lesson: a\nstop: s\n demo: d\n colour: red\n", 4, "unknown key 'colour'"),
        ("lesson: a\nstop: s\n demo: d\n step: 2\n", 2, "no 'say:'"),
        ("lesson: a\nstop: s\n step: 2\n say: x\n", 2, "no 'demo:'"),
        ("lesson: a\nstop: s\n demo: d\n step: 2\n step: 3\n", 5, "appears twice"),
        ("lesson: a\nstop: s\n demo: d\n view: chart\n", 4, "view is one of"),
        ("lesson: a\nstop: s\n demo: d\n clamp: forget 3 everywhere\n", 4, "between 0 and 1"),
        ("lesson: a\n just words\n", 2, "key: value"),
        ("lesson: a\n", 1, "no stops"),
    ])
    func errorsNameTheLine(text: String, line: Int, words: String) {
        do {
            _ = try LessonParser.parse(text: text, name: "bad")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("bad.lesson:\(line): "))
            #expect(error.message.contains(words), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func validatorChecksRangesPanelsAndClamps() throws {
        let text = """
            lesson: v
            stop: a
              demo: brackets
              step: 31
              unit: 5
              layer: 2
              direction: reverse
              panel: update
              clamp: reset 1 everywhere
              twin: short
              say: x
            stop: b
              demo: missing
              step: 1
              say: y
            """
        let lesson = try LessonParser.parse(text: text, name: "v")
        let problems = LessonValidator.problems(in: lesson) { demo, _ in
            switch demo {
            case "brackets": return LessonDemoFacts(kind: .lstm, steps: 30, layers: 1, isBidirectional: false, units: 4)
            case "short": return LessonDemoFacts(kind: .rnnTanh, steps: 12, layers: 1, isBidirectional: false, units: 4)
            default: throw ShapeError("no demo called '\(demo)'")
            }
        }
        let lines = problems.map(\.line)
        #expect(lines == [4, 6, 7, 5, 8, 9, 10, 13], "\(problems)")
        #expect(problems.last?.description == "v.lesson:13: stop 2: no demo called 'missing'")
    }

    @Test func classroomPresets() throws {
        let preset = try ClassroomPreset.parse(text: "present: on\nhide: hints, gradient\nshow: narration\ndisable: c, u, left\n")
        #expect(preset.present == true && preset.quiz == nil)
        #expect(preset.hidden == ["hints", "gradient"] && preset.shown == ["narration"])
        #expect(preset.disabledKeys == ["c", "u", "left"])
        #expect(throws: LessonSyntaxError.self) { try ClassroomPreset.parse(text: "hide: legend\n") }
        #expect(throws: LessonSyntaxError.self) { try ClassroomPreset.parse(text: "\ndisable: ctrl-x\n") }
        #expect(throws: LessonSyntaxError.self) { try ClassroomPreset.parse(text: "present: maybe\n") }
    }
}
