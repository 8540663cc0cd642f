import GateCanvas
import GateCore
import GateExplorer
import GateFormats
import Testing

/// Every shipped lesson validates, and walking its stops in the explorer lands where it says.
@Suite struct TeachingLessonTests {
    @Test func thereAreLessons() {
        #expect(TeachingTestSupport.lessonPaths.count >= 8)
    }

    @Test(arguments: TeachingTestSupport.lessonPaths)
    func shippedLessonValidates(path: String) throws {
        let lesson = try LessonParser.parse(path: path)
        let problems = LessonValidator.problems(in: lesson) {
            try TeachingTestSupport.facts(demo: $0, input: $1, directory: lesson.directory)
        }
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test(arguments: TeachingTestSupport.lessonPaths)
    func walkEveryStop(path: String) throws {
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
        var session = TeachingSession(lesson: lesson)
        for (index, stop) in lesson.stops.enumerated() {
            if index > 0 { _ = session.handle(.character("n")) }
            #expect(session.stopIndex == index)
            #expect(session.explorer.step == stop.step, "\(stop.title)")
            if let spatial = session.spatial {
                #expect(spatial.step == stop.step && spatial.channel == stop.channel, "\(stop.title)")
                #expect(spatial.pixelY == (stop.pixelY ?? spatial.pixelY) && spatial.pixelX == (stop.pixelX ?? spatial.pixelX))
            }
            #expect(session.explorer.selectedUnit == stop.unit)
            #expect(session.explorer.layerIndex == stop.layer && session.explorer.isReverse == stop.isReverse)
            #expect(session.view == stop.view)
            for (width, height) in [(80, 24), (200, 60)] {
                var buffer = CellBuffer(width: width, height: height)
                let frame = TeachingFrame(session: session, width: width, height: height)
                frame.render(into: &buffer)
                let text = buffer.plainText()
                #expect(text.contains("stop \(index + 1)/\(lesson.stops.count)"), "\(stop.title) at \(width)×\(height)")
                let point = try #require(frame.highlightPoint(mode: buffer.colorMode), "\(stop.title) \(width)×\(height): no highlight")
                #expect(buffer[point.x, point.y].grapheme == "▶")
                if frame.explorerHeight > 0 { #expect(text.contains("t=\(stop.step + 1)/\(stop.run.steps)")) }
                if stop.view == .gradient { #expect(text.contains("gradient flow into output")) }
            }
        }
        _ = session.handle(.character("N"))
        #expect(session.stopIndex == max(0, lesson.stops.count - 2))
    }
}
