import Foundation
import GateCore
@testable import GateFormats
import Testing

/// `check:` lines: parsing (with the file and line in every error), comparison, and the measured value
/// taken from a trace at the stop's layer and direction, 1-based as the explorer shows units and steps.
@Suite struct LessonCheckTests {
    @Test func parsesTheThreeComparisons() throws {
        let equal = try LessonCheck.parse("c unit 1 at t 26 = -2.04 ± 0.01", line: 7, file: "a.lesson")
        #expect(equal.series == "c" && equal.unit == 1 && equal.step == 26 && equal.value == -2.04 && equal.line == 7)
        #expect(equal.comparison == .equal(tolerance: 0.01))
        #expect(equal.holds(for: -2.045) && !equal.holds(for: -2.06))
        let less = try LessonCheck.parse("f unit 1 at t 9 < 0.1", line: 1, file: "a.lesson")
        #expect(less.comparison == .less && less.holds(for: 0.079) && !less.holds(for: 0.1) && !less.holds(for: .nan))
        let greater = try LessonCheck.parse("grad unit 6 at t 10 >0.5", line: 1, file: "a.lesson")
        #expect(greater.series == "grad" && greater.comparison == .greater && greater.holds(for: 0.93))
        let channel = try LessonCheck.parse("i channel 2 at t 2 = 0.42 ± 0.005", line: 1, file: "a.lesson")
        #expect(channel.subject == "i channel 2 at t 2")
    }

    @Test func theFailureMessageSaysWhatWasMeasuredAndWhatWasClaimed() throws {
        let check = try LessonCheck.parse("c unit 1 at t 26 > -1.54", line: 3, file: "a.lesson")
        #expect(check.failure(measured: -2.0412) == "check failed: c unit 1 at t 26 is -2.04, not > -1.54")
    }

    @Test(arguments: ["x unit 1 at t 2 < 1", "c unit 0 at t 2 < 1", "c unit 1 at t 0 < 1", "c unit 1 t 2 < 1",
                      "c unit 1 at t 2 ~ 1", "c unit 1 at t 2 < one", "c unit 1 at t 2 = 1", "c unit 1 at t 2 = 1 ± -1"])
    func malformedChecksNameFileAndLine(text: String) {
        let lesson = "lesson: a\nstop: s\n  demo: d\n  step: 2\n  say: x\n  check: \(text)\n"
        #expect(throws: LessonSyntaxError.self) { try LessonParser.parse(text: lesson, name: "bad") }
        do {
            _ = try LessonParser.parse(text: lesson, name: "bad")
        } catch {
            #expect(error.description.hasPrefix("bad.lesson:6: check"), "\(error)")
        }
    }

    @Test func checksBelongToTheirStop() throws {
        let lesson = try LessonParser.parse(text: """
            lesson: a
            stop: one
              demo: d
              step: 2
              say: x
              check: h unit 1 at t 2 < 1
              check: h unit 2 at t 1 > -1
            stop: two
              demo: d
              step: 1
              say: y
            """, name: "a")
        #expect(lesson.stops[0].checks.map(\.line) == [6, 7] && lesson.stops[1].checks.isEmpty)
    }

    /// A hand-made trace: unit values chosen so every lookup is distinct (value = 10·step + unit, 0-based).
    static func trace() -> NetworkTrace {
        func matrix(_ offset: Float) -> Matrix {
            Matrix(rows: 3, columns: 2, values: (0..<6).map { offset + Float(($0 / 2) * 10 + $0 % 2) })
        }
        let forward = LayerTrace(layer: 0, isReverse: false, kind: .lstm, series: [
            SeriesName.forgetGate: matrix(0), SeriesName.cell: matrix(100), SeriesName.hidden: matrix(200)])
        let reverse = LayerTrace(layer: 0, isReverse: true, kind: .lstm, series: [
            SeriesName.forgetGate: matrix(1000), SeriesName.hidden: matrix(2000)])
        return NetworkTrace(input: Matrix(rows: 3, columns: 1), layers: [forward, reverse],
                            output: Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6]))
    }

    @Test func measuresOneBasedUnitsAndStepsAtTheStopsDirection() throws {
        let trace = Self.trace()
        func measure(_ text: String, reverse: Bool = false) throws -> Float {
            try LessonCheck.parse(text, line: 1, file: "m.lesson")
                .measure(file: "m.lesson", trace: trace, network: nil, layer: 0, isReverse: reverse, outputStep: 2)
        }
        #expect(try measure("f unit 2 at t 3 < 0") == 21)
        #expect(try measure("c unit 1 at t 2 < 0") == 110)
        #expect(try measure("f unit 1 at t 1 < 0", reverse: true) == 1000)
        #expect(try measure("y output 2 at t 3 < 0") == 6)
        #expect(throws: LessonSyntaxError.self) { try measure("r unit 1 at t 1 < 0") }
        #expect(throws: LessonSyntaxError.self) { try measure("f unit 3 at t 1 < 0") }
        #expect(throws: LessonSyntaxError.self) { try measure("f unit 1 at t 4 < 0") }
        #expect(throws: LessonSyntaxError.self) { try measure("grad unit 1 at t 1 < 0") }
    }

    @Test func aConvLSTMCheckReadsTheStopsPixelInTheChannel() throws {
        // 2 channels of 2×3 maps: column = (channel−1)·6 + (row−1)·3 + column−1.
        let layer = LayerTrace(layer: 0, isReverse: false, kind: .lstm, series: [
            SeriesName.hidden: Matrix(rows: 1, columns: 12, values: (0..<12).map(Float.init)),
            SeriesName.cell: Matrix(rows: 1, columns: 12, values: (0..<12).map(Float.init))])
        let trace = NetworkTrace(input: Matrix(rows: 1, columns: 6), layers: [layer])
        let check = try LessonCheck.parse("c channel 2 at t 1 < 0", line: 1, file: "s.lesson")
        let value = try check.measure(file: "s.lesson", trace: trace, network: nil, layer: 0, isReverse: false, outputStep: 0,
                                      spatial: (SpatialShape(channels: 2, height: 2, width: 3), LessonPixel(row: 2, column: 3)))
        #expect(value == 11)
    }

    @Test func everyStopOfEveryShippedLessonCarriesAtLeastOneCheck() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("demos/lessons").path
        let paths = LessonLibrary(directory: directory).paths
        #expect(paths.count >= 9)
        for path in paths {
            let lesson = try LessonParser.parse(path: path)
            for (index, stop) in lesson.stops.enumerated() {
                #expect(!stop.checks.isEmpty, "\(path): stop \(index + 1) '\(stop.title)' has no check: line")
            }
        }
    }
}
