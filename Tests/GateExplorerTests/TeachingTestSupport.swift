import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

/// Loads the shipped demos and lessons for the teaching tests (what `gatescope lesson` does).
enum TeachingTestSupport {
    static let demos: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path + "/demos"
    }()

    static let catalog = DemoCatalog(parsing: (try? String(contentsOfFile: demos + "/catalog.tsv", encoding: .utf8)) ?? "",
                                     directory: demos)

    static var lessonPaths: [String] { LessonLibrary(directory: demos + "/lessons").paths }

    static func run(demo: String, input: String?, directory: String) throws -> ExplorerRun {
        guard let entry = catalog.entry(named: demo) else { throw ShapeError("no demo called '\(demo)'") }
        let network = try ModelImporter.load(path: entry.modelPath)
        let path = input.map { (directory as NSString).appendingPathComponent($0) } ?? entry.inputPath!
        let sequence = try SequenceLoader.load(path: path, for: network)
        return ExplorerRun(name: entry.name, title: entry.title, trace: try network.run(sequence.input, tokens: sequence.tokens),
                           network: network)
    }

    /// The ConvLSTM run of `demo` with its facts, or nil when `demo` is not a ConvLSTM demo.
    static func spatialRun(demo: String) throws -> (run: SpatialRun, facts: LessonDemoFacts)? {
        guard let entry = catalog.entry(named: demo), let file = try? ModelImporter.open(path: entry.modelPath),
              ConvLSTMImporter.isConvLSTM(file), let inputPath = entry.inputPath else { return nil }
        let network = try ConvLSTMImporter.load(path: entry.modelPath)
        let frames = try CSVSequence(path: inputPath).matrix
        return (SpatialRun(network: network, frames: frames, name: entry.name, title: entry.title),
                LessonDemoFacts(network: network, frames: frames.rows))
    }

    static func facts(demo: String, input: String?, directory: String) throws -> LessonDemoFacts {
        if let spatial = try spatialRun(demo: demo) { return spatial.facts }
        let run = try run(demo: demo, input: input, directory: directory)
        return LessonDemoFacts(network: run.network!, steps: run.steps)
    }

    static func resolve(_ lesson: Lesson) throws -> TeachingLesson {
        var stops: [TeachingStop] = []
        for stop in lesson.stops {
            if let spatial = try spatialRun(demo: stop.demo) {
                stops.append(TeachingStop(title: stop.title, spatial: spatial.run, step: stop.step - 1, layer: stop.layer - 1,
                                          channel: (stop.channel ?? 1) - 1, pixelY: stop.pixel.map { $0.row - 1 },
                                          pixelX: stop.pixel.map { $0.column - 1 }, panel: stop.panel,
                                          narration: stop.narration, question: stop.question, answer: stop.answer))
                continue
            }
            let run = try run(demo: stop.demo, input: stop.input, directory: lesson.directory)
            let twin = try stop.twin.map { try self.run(demo: $0, input: stop.input, directory: lesson.directory) }
            let edits = stop.clamps.map { clamp in
                Intervention(layer: stop.layer - 1, isReverse: stop.isReverse, unit: stop.unit - 1,
                             gate: PanelKind.panels(for: run.kind).first { $0.word == clamp.gate }?.series ?? SeriesName.hidden,
                             action: clamp.isBiasShift ? .shiftBias(clamp.value) : .clamp(value: clamp.value, step: clamp.step.map { $0 - 1 }))
            }
            stops.append(TeachingStop(title: stop.title, run: run, step: stop.step - 1, layer: stop.layer - 1,
                                      isReverse: stop.isReverse, unit: stop.unit - 1, panel: stop.panel,
                                      view: TeachingView(rawValue: stop.view.rawValue) ?? .explorer, twin: twin,
                                      interventions: edits, narration: stop.narration, question: stop.question, answer: stop.answer))
        }
        return TeachingLesson(title: lesson.title, stops: stops)
    }
}
