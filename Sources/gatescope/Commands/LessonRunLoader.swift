import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

/// Loads the demos a lesson names: runs for the explorer, facts for the validator, and lesson stops
/// resolved into `TeachingStop`s. A ConvLSTM demo loads as a ``SpatialRun`` (its stops open the spatial screen).
final class LessonRunLoader {
    /// Finds the demos catalogue the first time a lesson names a demo (a lesson file given by path
    /// that names none needs no demos directory).
    private let locate: () throws -> DemoCatalog
    private var located: DemoCatalog?
    private var runs: [String: ExplorerRun] = [:]
    /// For a run over a long input (``runs`` then holds its first window): makes its rows window by window.
    private var sources: [String: @Sendable () -> CheckpointedRowSource?] = [:]
    private var spatialRuns: [String: (run: SpatialRun, facts: LessonDemoFacts)] = [:]
    /// Whether each model file looked at is a ConvLSTM (a lesson of many stops opens each file once).
    private var convLSTMModels: [String: Bool] = [:]

    /// A loader that finds the catalogue with `locate` when a demo is first needed.
    init(locate: @escaping () throws -> DemoCatalog = { try DemoCatalog.require() }) { self.locate = locate }

    /// The demos catalogue, found on first use.
    func catalog() throws -> DemoCatalog {
        if let located { return located }
        let found = try locate()
        located = found
        return found
    }

    /// The run of `demo` over its own input or over `input` (relative to `directory`): held whole, or
    /// over an input longer than ``StepWindowPlan/wholeRunLimit`` steps its first window (its rows
    /// then come from ``makeSource(demo:input:directory:)``).
    func run(demo: String, input: String?, directory: String) throws -> ExplorerRun {
        let inputPath = input.map { $0.hasPrefix("/") ? $0 : (directory as NSString).appendingPathComponent($0) }
        let key = demo + "|" + (inputPath ?? "")
        if let cached = runs[key] { return cached }
        let demos = try catalog()
        guard let entry = demos.entry(named: demo) else {
            throw UserError("no demo called '\(demo)'\(ClosestName.hint(for: demo, among: demos.entries.map(\.name))) in \(demos.directory)/catalog.tsv")
        }
        if let inputPath, !FileManager.default.fileExists(atPath: inputPath) {
            throw UserError("the input file \(input ?? "") does not exist")
        }
        let network = try ModelImporter.load(path: entry.modelPath)
        let sequence = try ExploreCommand.sequence(network: network, inputPath: inputPath ?? entry.inputPath, text: nil)
        let story = entry.story.isEmpty ? nil : entry.story
        var run: ExplorerRun
        if let lazy = try ExploreCommand.lazySource(network: network, sequence: sequence) {
            run = ExplorerRun(name: entry.name, title: entry.title, story: story,
                              trace: try lazy.rows(0..<StepWindowPlan.minimumRows), network: network, vocabulary: network.vocabulary)
            run.fullSteps = sequence.input.rows
            let (input, tokens) = (sequence.input, sequence.tokens)
            sources[key] = { (try? CheckpointedRun(network: network, input: input, tokens: tokens)).map { CheckpointedRowSource(run: $0) } }
        } else {
            try WholeRunBudget.check(network, steps: sequence.input.rows, advice: WholeRunBudget.lessonAdvice)
            run = ExplorerRun(name: entry.name, title: entry.title, story: story,
                              trace: try network.run(sequence.input, tokens: sequence.tokens), network: network,
                              vocabulary: network.vocabulary)
        }
        runs[key] = run
        return run
    }

    /// Makes the rows of `demo`'s run over `input` window by window, when the input is long (nil:
    /// ``run(demo:input:directory:)`` holds the whole run).
    func makeSource(demo: String, input: String?, directory: String) -> (@Sendable () -> CheckpointedRowSource?)? {
        let inputPath = input.map { $0.hasPrefix("/") ? $0 : (directory as NSString).appendingPathComponent($0) }
        return sources[demo + "|" + (inputPath ?? "")]
    }

    /// The ConvLSTM run of `demo` over its frames or `input`, with its facts; nil when `demo` is not a ConvLSTM demo.
    func spatialRun(demo: String, input: String?, directory: String) throws -> (run: SpatialRun, facts: LessonDemoFacts)? {
        guard let entry = try catalog().entry(named: demo), isConvLSTM(entry.modelPath) else { return nil }
        let inputPath = input.map { $0.hasPrefix("/") ? $0 : (directory as NSString).appendingPathComponent($0) } ?? entry.inputPath
        let key = demo + "|" + (inputPath ?? "")
        if let cached = spatialRuns[key] { return cached }
        guard let inputPath else { throw UserError("the ConvLSTM demo '\(demo)' names no frames file") }
        guard FileManager.default.fileExists(atPath: inputPath) else { throw UserError("the input file \(inputPath) does not exist") }
        let network = try ConvLSTMImporter.load(path: entry.modelPath)
        let frames = try ConvLSTMExploring.frames(path: inputPath, for: network)
        let run = SpatialRun(network: network, frames: frames, name: entry.name, title: entry.title,
                             story: entry.story.isEmpty ? nil : entry.story)
        let result = (run: run, facts: LessonDemoFacts(network: network, frames: frames.rows))
        spatialRuns[key] = result
        return result
    }

    /// Whether the model at `path` is a ConvLSTM, looked at once per path.
    private func isConvLSTM(_ path: String) -> Bool {
        if let known = convLSTMModels[path] { return known }
        let answer = ConvLSTMExploring.isConvLSTM(path: path)
        convLSTMModels[path] = answer
        return answer
    }

    /// What the validator needs to know about `demo` with `input`.
    func facts(demo: String, input: String?, directory: String) throws -> LessonDemoFacts {
        if let spatial = try spatialRun(demo: demo, input: input, directory: directory) { return spatial.facts }
        let run = try run(demo: demo, input: input, directory: directory)
        guard let network = run.network else { throw UserError("'\(demo)' has no weights") }
        return LessonDemoFacts(network: network, steps: run.shownTotalSteps)
    }

    /// Every false or unmeasurable `check:` of `lesson` as an `error:`-ready "FILE:LINE: …" line, and how
    /// many checks were verified. Each stop's model runs on its input with the stop's clamps, at its layer and
    /// direction; `grad` is taken for the output at the stop's step, as the gradient view shows it.
    func checkFailures(_ lesson: Lesson, file: String) -> (failures: [LessonSyntaxError], checked: Int) {
        var failures: [LessonSyntaxError] = [], checked = 0
        for stop in lesson.stops where !stop.checks.isEmpty {
            let measured: (LessonCheck) throws(LessonSyntaxError) -> Float
            do {
                if let spatial = try spatialRun(demo: stop.demo, input: stop.input, directory: lesson.directory) {
                    let shape = spatial.run.shapes.first ?? SpatialShape(channels: 0, height: 0, width: 0)
                    guard let pixel = stop.pixel else {
                        let line = stop.checks.first?.line ?? stop.line
                        failures.append(LessonSyntaxError(file: file, line: line, message: "check: a ConvLSTM stop's checks read the stop's pixel; add 'pixel: ROW,COL'"))
                        continue
                    }
                    let run = spatial.run
                    measured = { check throws(LessonSyntaxError) in
                        // `y` on the ConvLSTM screen is the predicted frame ("predicts σ(y)") at the stop's pixel.
                        if check.series == "y", let frame = run.outputShape, check.step <= run.steps,
                           let prediction = run.prediction(step: check.step - 1) {
                            let index = (check.unit - 1) * frame.height * frame.width + (pixel.row - 1) * frame.width + pixel.column - 1
                            guard check.unit <= frame.channels, index < prediction.count else {
                                throw LessonSyntaxError(file: file, line: check.line, message: "check: output channel \(check.unit) or pixel \(pixel.row),\(pixel.column) is outside the predicted frame")
                            }
                            return prediction[index]
                        }
                        return try check.measure(file: file, trace: run.trace, network: nil, layer: stop.layer - 1, isReverse: false,
                                                 outputStep: stop.step - 1, spatial: (shape, pixel))
                    }
                } else {
                    let run = try run(demo: stop.demo, input: stop.input, directory: lesson.directory)
                    if run.isWindow {
                        let reason = "check: the stop's input has \(run.shownTotalSteps) steps, more than the \(StepWindowPlan.wholeRunLimit) a check reads whole; check on a shorter input"
                        failures += stop.checks.map { LessonSyntaxError(file: file, line: $0.line, message: reason) }
                        continue
                    }
                    let edits = Self.teachingStop(stop, run: run, twin: nil).interventions
                    var trace = run.trace, network = run.network
                    if !edits.isEmpty, let base = run.network {
                        trace = try base.run(run.trace.input, tokens: run.trace.tokens, interventions: edits, reusing: run.trace)
                        network = base.applyingBiasShifts(edits)
                    }
                    let (edited, model) = (trace, network)
                    measured = { check throws(LessonSyntaxError) in
                        try check.measure(file: file, trace: edited, network: model, layer: stop.layer - 1, isReverse: stop.isReverse,
                                          outputStep: stop.step - 1)
                    }
                }
            } catch {
                failures.append(LessonSyntaxError(file: file, line: stop.line, message: "cannot run stop '\(stop.title)': \(error)"))
                continue
            }
            for check in stop.checks {
                do {
                    let value = try measured(check)
                    checked += 1
                    if !check.holds(for: value) { failures.append(LessonSyntaxError(file: file, line: check.line, message: check.failure(measured: value))) }
                } catch {
                    failures.append(error)
                }
            }
        }
        return (failures, checked)
    }

    /// `lesson` (read from `file`, named so in errors) with every stop's demo loaded, positions made 0-based
    /// and clamps made edits.
    func resolve(_ lesson: Lesson, file: String) throws -> TeachingLesson {
        let problems = LessonValidator.problems(in: lesson, file: file) { try facts(demo: $0, input: $1, directory: lesson.directory) }
        if let first = problems.first { throw UserError(first.description + (problems.count > 1 ? " (and \(problems.count - 1) more: gatescope lesson --check)" : "")) }
        var stops: [TeachingStop] = []
        for stop in lesson.stops {
            if let spatial = try spatialRun(demo: stop.demo, input: stop.input, directory: lesson.directory) {
                stops.append(Self.spatialStop(stop, run: spatial.run))
                continue
            }
            let run = try run(demo: stop.demo, input: stop.input, directory: lesson.directory)
            let twin = try stop.twin.map { try self.run(demo: $0, input: stop.input, directory: lesson.directory) }
            var resolved = Self.teachingStop(stop, run: run, twin: twin)
            resolved.makeSource = makeSource(demo: stop.demo, input: stop.input, directory: lesson.directory)
            stops.append(resolved)
        }
        return TeachingLesson(title: lesson.title, stops: stops)
    }

    /// A parsed stop as the explorer runs it.
    static func teachingStop(_ stop: LessonStop, run: ExplorerRun, twin: ExplorerRun?) -> TeachingStop {
        let kind = run.kind
        let edits = stop.clamps.map { clamp in
            Intervention(layer: stop.layer - 1, isReverse: stop.isReverse, unit: stop.unit - 1,
                         gate: PanelKind.panels(for: kind).first { $0.word == clamp.gate }?.series ?? SeriesName.hidden,
                         action: clamp.isBiasShift ? .shiftBias(clamp.value) : .clamp(value: clamp.value, step: clamp.step.map { $0 - 1 }))
        }
        return TeachingStop(title: stop.title, run: run, step: stop.step - 1, layer: stop.layer - 1, isReverse: stop.isReverse,
                            unit: stop.unit - 1, panel: stop.panel, view: TeachingView(rawValue: stop.view.rawValue) ?? .explorer,
                            twin: twin, interventions: edits, narration: stop.narration, question: stop.question,
                            answer: stop.answer)
    }

    /// A parsed ConvLSTM stop as the spatial screen opens it (positions 0-based).
    static func spatialStop(_ stop: LessonStop, run: SpatialRun) -> TeachingStop {
        TeachingStop(title: stop.title, spatial: run, step: stop.step - 1, layer: stop.layer - 1,
                     channel: (stop.channel ?? 1) - 1, pixelY: stop.pixel.map { $0.row - 1 }, pixelX: stop.pixel.map { $0.column - 1 },
                     panel: stop.panel, narration: stop.narration, question: stop.question, answer: stop.answer)
    }
}
