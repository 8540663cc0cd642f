import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

extension RenderCommand {
    /// The asciicast with the explorer's own screen as frames: the trace is read window by window
    /// (as `replay` does), one frame per sampled step, handed to `write` line by line (header first).
    func explorerCast(_ selection: TraceSelection, write: (String) throws -> Void) throws {
        let range = selection.steps
        let frameCount = min(maxFrames, range.count)
        let frameSteps = (0..<frameCount).map { k in
            range.lowerBound + (frameCount == 1 ? range.count - 1 : k * (range.count - 1) / (frameCount - 1))
        }
        let source = MappedRowSource(trace: selection.source)
        let first = try source.rows(0..<min(source.steps, StepWindowPlan.minimumRows))
        let name = ((trace as NSString).lastPathComponent as NSString).deletingPathExtension
        let run = ExplorerRun(name: name, title: selection.title, trace: first)
        var app = ExplorerSessionApp(run: run, source: source,
                                     palette: palette == "cb" ? .colorBlindSafe : .standard)
        var recording = Asciicast(width: width, height: height, title: selection.title)
        try write(recording.encodedHeader())
        for (index, step) in frameSteps.enumerated() {
            app.jump(to: step)
            recording.appendFrame(app.frame(width: width, height: height), at: Double(index) / fps)
            try write(recording.takeEncodedEvents())
        }
    }
}
