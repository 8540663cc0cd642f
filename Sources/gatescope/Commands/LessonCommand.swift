import GateCanvas
import ArgumentParser
import Foundation
import GateCore
import GateExplorer
import GateFormats
import GateTerminal

/// `gatescope lesson`: guided tours of the demos for teaching (docs/teaching.md).
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "List the lessons, check a lesson file, or run a guided tour in the explorer.",
        discussion: """
            gatescope lesson               list the lessons in demos/lessons/
            gatescope lesson NAME          run one (NAME: file name or prefix, e.g. 01)
            gatescope lesson --check FILE  check FILE's check: claims against the demos
                                           (no FILE: every shipped lesson)
            gatescope lesson --demo NAME   teaching tools (gradient flow, what-if, quiz,
                                           presenter) on one demo

            Keys besides the explorer's: n/N next/previous stop, A answer, f gradient flow, w what-if, \
            D cell diagram, c/C clamp the focused gate (this step / every step), { } bias −1/+1, u undo, \
            z quiz, P presenter, r records (edits included), b bookmarks.
            `gatescope explore --present/--quiz/--classroom` opens the same teaching tools on any model or demo.
            """
    )

    @Argument(help: "The lesson to run (file name in demos/lessons/ or a path to a .lesson file).")
    var name: String?

    @Flag(name: .long, help: "Check lesson files (the named one, or every shipped lesson), run their check: lines, and exit.")
    var check = false

    @Option(name: .long, help: "Open the teaching tools on this demo instead of a lesson.")
    var demo: String?

    @Flag(name: .long, help: "Start in quiz mode: guess whether the gate goes up or down before each step.")
    var quiz = false

    @Flag(name: .long, help: "Start in presenter mode: large blocks and labels for a projector.")
    var present = false

    @Option(name: .long, help: "A classroom preset file: panels to show or hide, keys to disable (docs/teaching.md).")
    var classroom: String?

    func run() throws {
        try reportingErrors {
            // The demos directory is looked for only when needed: a lesson file given by path that
            // names no demo checks and runs without one.
            let loader = LessonRunLoader()
            let library: () throws -> LessonLibrary = { LessonLibrary(directory: ((try loader.catalog()).directory as NSString).appendingPathComponent("lessons")) }
            if check {
                let paths = try name.map { [try Self.path(of: $0, in: library)] } ?? (try library()).paths
                guard !paths.isEmpty else { throw UserError("no lessons in \(try library().directory)") }
                var failures = 0
                for path in paths {
                    let file = path
                    do {
                        let lesson = try LessonParser.parse(path: path)
                        var problems = LessonValidator.problems(in: lesson, file: file) { try loader.facts(demo: $0, input: $1, directory: lesson.directory) }
                        var checked = 0
                        if problems.isEmpty { (problems, checked) = loader.checkFailures(lesson, file: file) }
                        if problems.isEmpty {
                            print("\(file): ok — \(lesson.stops.count) stops, \(checked) checks hold" + Self.uncheckedNote(lesson))
                        } else {
                            failures += problems.count
                            // Compiler-style: one `error: FILE:LINE: …` line per problem, on stderr.
                            for problem in problems { printError(problem.description) }
                        }
                    } catch let error as LessonSyntaxError {
                        failures += 1
                        printError(error.description)
                    }
                }
                if failures > 0 { throw ExitCode(1) }
                return
            }
            let preset = try TeachingLaunch.preset(path: classroom)
            let disabled = TeachingLaunch.disabledKeys(preset)
            let quizOn = preset.quiz ?? quiz, presenting = preset.present ?? present
            let session: TeachingSession
            if let demo {
                if try loader.spatialRun(demo: demo, input: nil, directory: ".") != nil {
                    throw UserError("'\(demo)' is a ConvLSTM demo: the teaching tools are for LSTM, GRU and RNN demos; open it with `gatescope explore --demo \(demo)` or in lesson 09-convlstm")
                }
                let run = try loader.run(demo: demo, input: nil, directory: ".")
                session = TeachingSession(run: run, source: loader.makeSource(demo: demo, input: nil, directory: ".")?(), quiz: quizOn,
                                          presenting: presenting, hiddenPanels: preset.hidden, disabledKeys: disabled)
            } else if let name {
                let lesson: Lesson, path = try Self.path(of: name, in: library)
                do { lesson = try LessonParser.parse(path: path) } catch let error as LessonSyntaxError {
                    throw UserError(error.description)
                }
                session = TeachingSession(lesson: try loader.resolve(lesson, file: path), quiz: quizOn, presenting: presenting,
                                          hiddenPanels: preset.hidden, disabledKeys: disabled)
            } else {
                let shelf = try library()
                let paths = shelf.paths
                guard !paths.isEmpty else { throw UserError("no lessons in \(shelf.directory)") }
                print("Lessons in \(shelf.directory):")
                for path in paths {
                    let file = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    guard let lesson = try? LessonParser.parse(path: path) else { print("  \(file)  (does not parse: gatescope lesson --check \(file))"); continue }
                    print("  \(file)  \(lesson.title) (\(lesson.stops.count) stops)")
                    if !lesson.summary.isEmpty { print("      \(lesson.summary)") }
                }
                print("Run one with: gatescope lesson NAME   (add --present for a projector, --quiz for a quiz)")
                return
            }
            try TeachingLaunch.run(session, commandName: "gatescope lesson")
        }
    }

    /// " (no check: lines in stop 2, 5)" for the stops without checks, the first ten of a long list; "" when every
    /// stop has checks.
    static func uncheckedNote(_ lesson: Lesson) -> String {
        let unchecked = lesson.stops.indices.filter { lesson.stops[$0].checks.isEmpty }.map { String($0 + 1) }
        guard !unchecked.isEmpty else { return "" }
        let shown = unchecked.prefix(10).joined(separator: ", ")
        return " (no check: lines in stop\(unchecked.count > 1 ? "s" : "") \(shown)\(unchecked.count > 10 ? " … and \(unchecked.count - 10) more" : ""))"
    }

    /// A lesson named in the library, or a path to a file.
    static func path(of name: String, in libraryFinder: () throws -> LessonLibrary) throws -> String {
        if FileManager.default.fileExists(atPath: name), name.contains("/") || name.hasSuffix(".lesson") { return name }
        let library = try libraryFinder()
        guard let path = library.path(named: name) else {
            let names = library.paths.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
            let typed = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
            let hint = ClosestName.hint(for: typed, among: names)
            throw UserError("no lesson called '\(name)'\(hint); the lessons are: " + names.joined(separator: ", "))
        }
        return path
    }

    /// The key a preset names ("c", "left", "space", …).
    static func key(named name: String) -> Key {
        switch name {
        case "left": .left
        case "right": .right
        case "up": .up
        case "down": .down
        case "space": .character(" ")
        case "tab": .tab
        case "enter": .enter
        case "escape": .escape
        case "home": .home
        case "end": .end
        case "pgup": .pageUp
        case "pgdn": .pageDown
        default: .character(name.first ?? " ")
        }
    }
}
