import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

/// Saves what the explorer recorded (`r`) as a trace file (atomically), with its bookmarks beside it.
/// Each recording gets its own file: `--record-to PATH` (then PATH-2, PATH-3, … for later ones), or
/// `gatescope-NAME-YYYYMMDD-HHMMSS.safetensors` in the current directory.
final class TraceRecordingSink: RecordingSink {
    /// The network that made the run, when known.
    let network: RecurrentNetwork?
    /// Metadata to start from when there is no network (a replayed trace's own).
    let templateMetadata: TraceMetadata?
    /// The chosen path, if any.
    let requestedPath: String?
    /// The run's name, for default file names.
    let name: String
    /// What the run came from (model and input), for the metadata.
    let model: String?
    /// The input's description.
    let input: String?
    /// Where failures to save are reported (after the session).
    let report: RecordingReport
    private var saved = 0

    init(network: RecurrentNetwork?, templateMetadata: TraceMetadata?, requestedPath: String?, name: String,
         model: String?, input: String?, report: RecordingReport = RecordingReport()) {
        self.report = report
        self.network = network
        self.templateMetadata = templateMetadata
        self.requestedPath = requestedPath
        self.name = name
        self.model = model
        self.input = input
    }

    func save(_ trace: NetworkTrace, bookmarks: [StepBookmark], edits: [String], origin: RecordedSteps) throws -> String {
        let metadata = metadata(for: trace, steps: trace.steps, edits: edits, origin: origin)
        return try store(bookmarks: bookmarks) { try TraceFile.write(trace, metadata: metadata, to: $0) }
    }

    /// A recording whose rows are written to temporary files as they come, and copied into the trace
    /// file when it stops: memory stays flat however long it runs.
    func begin() throws -> any RecordingStream {
        SpooledRecordingStream(sink: self)
    }

    /// The trace file's metadata for a recording of `steps` steps shaped like `trace`, with the run's
    /// step of each row (`origin`; composed with the replayed trace's own when this is a replay).
    func metadata(for trace: NetworkTrace, steps: Int, edits: [String], origin: RecordedSteps) -> TraceMetadata {
        var extra = ["recorded_by": "gatescope explorer (r)"]
        let replayed = templateMetadata.flatMap { RecordedSteps(metadata: $0.extra, rows: $0.steps) }
        extra.merge((replayed.map { origin.composed(over: $0) } ?? origin).metadata) { $1 }
        if !edits.isEmpty { extra["what_if_edits"] = edits.joined(separator: "; ") }
        var metadata: TraceMetadata
        if let network {
            metadata = TraceMetadata(network: network, steps: steps, model: model, input: input, extra: extra)
        } else if var template = templateMetadata {
            template.steps = steps
            template.extra[RecordedSteps.statesKey] = nil
            template.extra.merge(extra) { $1 }
            // A new file: written by this gatescope, whichever recorded the trace it was replayed from.
            template.gatescopeVersion = GatescopeVersion.current
            metadata = template
        } else {
            let layer = trace.layers.first
            metadata = TraceMetadata(cell: layer?.kind ?? .lstm, inputSize: trace.input.columns,
                                     hiddenSize: layer?.hiddenSize ?? 0, layers: Set(trace.layers.map(\.layer)).count,
                                     directions: trace.layers.contains { $0.isReverse } ? 2 : 1, projectionSize: 0,
                                     steps: steps, extra: extra)
        }
        metadata.input = input
        return metadata
    }

    /// Writes a recording with `write` (given the path) to the next path, or, when that fails, to a
    /// file in the temporary directory (never lose a recording), and its bookmarks beside it.
    func store(bookmarks: [StepBookmark], write: (String) throws -> Void) throws -> String {
        let path = nextPath()
        do {
            try write(path)
        } catch {
            let reason = String(describing: error)
            let fallback = Self.fallbackPath(name: name)
            do {
                try write(fallback)
                if !bookmarks.isEmpty { try? FileBookmarkStore.encode(bookmarks).save(forTrace: fallback) }
            } catch {
                let line = "could not save the recording to \(path): \(reason); keeping it at \(fallback) failed too: \(error)"
                report.fail(line)
                throw RecordingNotSaved(description: line)
            }
            let line = "could not save the recording to \(path): \(reason); it was kept at \(fallback)"
            report.fail(line)
            throw RecordingNotSaved(description: line)
        }
        if !bookmarks.isEmpty { try FileBookmarkStore.encode(bookmarks).save(forTrace: path) }
        saved += 1
        return path
    }

    /// A new file name in the temporary directory for a recording that could not be saved where asked.
    static func fallbackPath(name: String) -> String {
        let directory = (NSTemporaryDirectory() as NSString).standardizingPath
        let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(40))
        var counter = 1
        while true {
            let path = "\(directory)/gatescope-\(safeName)-rescued-\(getpid())-\(counter).safetensors"
            if !FileManager.default.fileExists(atPath: path) { return path }
            counter += 1
        }
    }

    private func nextPath() -> String {
        if let requestedPath {
            guard saved > 0 else { return requestedPath }
            let base = (requestedPath as NSString).deletingPathExtension
            let ext = (requestedPath as NSString).pathExtension
            return "\(base)-\(saved + 1)" + (ext.isEmpty ? "" : ".\(ext)")
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        var path = "gatescope-\(name)-\(formatter.string(from: Date())).safetensors"
        var counter = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "gatescope-\(name)-\(formatter.string(from: Date()))-\(counter).safetensors"
            counter += 1
        }
        return path
    }
}

/// A recording that could not be saved where asked (the message says where it was kept instead).
struct RecordingNotSaved: Error, CustomStringConvertible {
    /// The whole story: path, reason, fallback.
    let description: String
}
