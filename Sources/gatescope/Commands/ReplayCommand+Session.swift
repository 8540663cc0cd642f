import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GateCore
import GateExplorer
import GateFormats

extension ReplayCommand {
    /// The explorer session on the trace file, mapped (only the header is read at open; the explorer
    /// reads the window of steps on screen), with its bookmarks and recording.
    func makeSession(palette: ExplorerPalette, report: RecordingReport) throws -> ExplorerSessionApp {
        let mapped = try MappedTrace(path: trace)
        guard mapped.steps > 0, !mapped.recordedLayers.isEmpty else {
            throw UserError("\(trace): the trace holds no steps")
        }
        let metadata = mapped.metadata
        var network: RecurrentNetwork?
        if let model {
            network = try ReplayModel.load(path: model, prefix: prefix, trace: mapped, metadata: metadata)
        } else {
            network = Self.recordedModel(metadata: metadata, trace: mapped, tracePath: trace)
        }
        let source = MappedRowSource(trace: mapped)
        let first = try source.rows(0..<min(mapped.steps, StepWindowPlan.minimumRows))
        let name = ((trace as NSString).lastPathComponent as NSString).deletingPathExtension
        let description = metadata.network
            ?? "\(metadata.cell.displayName) \(metadata.inputSize)→\(metadata.hiddenSize) (trace)"
        var run = ExplorerRun(name: name, title: "replay of \(trace)", story: nil, trace: first,
                              network: network, vocabulary: metadata.vocabulary ?? network?.vocabulary,
                              modelDescription: description + " · replay")
        run.recordedHeadActivation = metadata.headActivation
        run.origin = RecordedSteps(metadata: metadata.extra, rows: mapped.steps)
        run.firstRowPredecessorUnknown = run.origin == nil && metadata.extra["recorded_by"] != nil
        var bookmarks: [StepBookmark] = []
        var store: FileBookmarkStore? = FileBookmarkStore(tracePath: trace)
        do {
            bookmarks = try FileBookmarkStore.load(forTrace: trace)
        } catch {
            // A damaged bookmarks file must not keep a healthy trace closed, nor be overwritten.
            report.warn("\(error); the trace was opened without its bookmarks, and new bookmarks were not saved (the file is left as it is)")
            store = nil
        }
        let sink = TraceRecordingSink(network: network, templateMetadata: metadata, requestedPath: recordTo,
                                      name: name, model: model ?? metadata.model, input: "replay of \(trace)",
                                      report: report)
        return ExplorerSessionApp(run: run, source: source, palette: palette, recordingSink: sink,
                                  bookmarks: bookmarks, bookmarkStore: store)
    }

    /// The model the trace names (`model` metadata; a relative path is tried from here, then from the
    /// trace's folder) when that file is there and made the trace; a `note:` on stderr says which way it went.
    static func recordedModel(metadata: TraceMetadata, trace: any TraceSource, tracePath: String) -> RecurrentNetwork? {
        guard let named = metadata.model, !named.isEmpty else { return nil }
        let beside = ((tracePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(named)
        let candidates = named.hasPrefix("/") ? [named] : [named, beside]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        do {
            let network = try ReplayModel.load(path: path, prefix: nil, trace: trace, metadata: metadata)
            // Without a terminal the session cannot start: its one error line says so, alone.
            guard isatty(1) != 0 else { return network }
            printNote("using the trace's model \(path) for the inspector's W·x + U·h + b split (--model FILE picks another)")
            return network
        } catch {
            guard isatty(1) != 0 else { return nil }
            printNote("the trace names the model \(path) but it does not fit (\(error)); replaying without weights")
            return nil
        }
    }
}
