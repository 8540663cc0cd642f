import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats
import GateTerminal

/// Opening the teaching wrapper (``TeachingApp``): what `gatescope lesson` and
/// `gatescope explore --present / --quiz / --classroom` share — the classroom preset, the session's
/// modes, recordings made with `r`.
enum TeachingLaunch {
    /// The preset at `path` (an empty one without a path); a syntax error names the line.
    static func preset(path: String?) throws -> ClassroomPreset {
        guard let path else { return ClassroomPreset() }
        do { return try ClassroomPreset.load(path: path) } catch { throw UserError(error.description) }
    }

    /// The teaching tools on one run (no lesson; a long run's rows from `source`), with the preset's
    /// and the flags' modes.
    static func session(run: ExplorerRun, source: CheckpointedRowSource? = nil, preset: ClassroomPreset, quiz: Bool, present: Bool,
                        palette: ExplorerPalette = .standard) -> TeachingSession {
        TeachingSession(run: run, source: source, quiz: preset.quiz ?? quiz, presenting: preset.present ?? present,
                        hiddenPanels: preset.hidden, disabledKeys: disabledKeys(preset), palette: palette)
    }

    /// The keys the preset disables.
    static func disabledKeys(_ preset: ClassroomPreset) -> Set<Key> {
        Set(preset.disabledKeys.map(LessonCommand.key(named:)))
    }

    /// Runs the teaching app on `session`; `r` saves recordings (to `recordTo`, else a dated file here);
    /// prints where they went.
    static func run(_ session: TeachingSession, commandName: String, recordTo: String? = nil,
                    model: String? = nil, input: String? = nil) throws {
        let report = RecordingReport()
        var app = TeachingApp(session: session) { run in
            TraceRecordingSink(network: run.network, templateMetadata: nil, requestedPath: recordTo, name: run.name,
                               model: model, input: input, report: report)
        }
        defer { report.print(saved: app.savedRecordings) }
        try GateTerminal.run(app: &app, commandName: commandName)
        try report.check()
    }
}
