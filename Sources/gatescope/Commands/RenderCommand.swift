import GateCanvas
import ArgumentParser
import GateCore
import GateExplorer
import GateFormats

/// `gatescope render`: exports a recorded trace as heatmaps (SVG, text, ANSI) or an asciicast replay.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Export a trace as heatmaps per gate (svg, txt, ansi) or as an asciicast replay (cast).",
        discussion: """
            Steps and units are numbered from 1, as the explorer shows them; --steps a:b takes steps a \
            through b (either side may be left out; −1 is the last step). SVG cells carry the exact \
            recorded values (data-v) and their tensor row and column (data-step, data-unit, from 0).
            Examples:
              gatescope render trace.safetensors --format svg --out gates.svg \\
                  --steps 1:200 --units 1-16
              gatescope render trace.safetensors --format cast --out replay.cast \\
                  && asciinema play replay.cast
            """
    )

    @Argument(help: "A trace written by gatescope record.")
    var trace: String

    @Option(name: .long, help: "svg, txt (monochrome shade ramp), ansi (24-bit colour half blocks) or cast (asciicast v2).")
    var format: String

    @Option(name: .long, help: "The file to write ('-' for standard output).")
    var out: String

    @Option(name: .long, parsing: .unconditional, help: "Steps a:b, a through b, numbered from 1 as on screen (−1 = the last; default all).")
    var steps: String?

    @Option(name: .long, parsing: .unconditional, help: "Units, e.g. 1,4,6-10, numbered from 1 as on screen (default all).")
    var units: String?

    @Option(name: .long, parsing: .unconditional, help: "The layer, 1 = bottom (default 1).")
    var layer: Int = 1

    @Flag(name: .long, help: "The reverse direction of a bidirectional layer.")
    var reverse = false

    @Option(name: .long, help: "Series to show, comma-separated (default: the cell's gates and states).")
    var series: String?

    @Option(name: .long, help: "Colours: standard or cb (colour-blind safe).")
    var palette: String = "standard"

    @Option(name: .long, parsing: .unconditional, help: "cast: terminal width in columns.")
    var width: Int = 100

    @Flag(name: .long, help: "cast: draw each frame as the explorer's screen (panels, belt, inspector) instead of bare heatmaps.")
    var explorer = false

    @Option(name: .long, parsing: .unconditional, help: "cast with --explorer: terminal height in rows.")
    var height = 40

    @Option(name: .long, parsing: .unconditional, help: "cast: frames per second.")
    var fps: Double = 10

    @Option(name: .long, parsing: .unconditional, help: "cast: most frames to write (steps are sampled evenly beyond this).")
    var maxFrames: Int = 300

    /// The widest cast terminal accepted (a frame is width × height cells held in memory).
    static let maxWidth = 1000
    /// The tallest cast terminal accepted.
    static let maxHeight = 500
    /// The most frames a cast may hold.
    static let maxFramesLimit = 100_000

    func validate() throws {
        guard ["svg", "txt", "ansi", "cast"].contains(format) else {
            throw ValidationError("--format must be svg, txt, ansi or cast, not '\(format)'")
        }
        guard ["standard", "cb"].contains(palette) else { throw ValidationError("--palette must be standard or cb") }
        guard layer >= 1 else { throw ValidationError("--layer counts from 1 (the bottom layer)") }
        guard (40...Self.maxWidth).contains(width) else {
            throw ValidationError("--width must be between 40 and \(Self.maxWidth) columns, not \(width)")
        }
        guard (10...Self.maxHeight).contains(height) else {
            throw ValidationError("--height must be between 10 and \(Self.maxHeight) rows, not \(height)")
        }
        guard fps >= 0.01, fps <= 1000 else { throw ValidationError("--fps must be between 0.01 (a frame every 100 s) and 1000, not \(fps)") }
        guard (1...Self.maxFramesLimit).contains(maxFrames) else {
            throw ValidationError("--max-frames must be between 1 and \(Self.maxFramesLimit), not \(maxFrames)")
        }
    }

    func run() throws {
        try reportingErrors {
            let source = try MappedTrace(path: trace)
            let selection = try TraceSelection(source: source, path: trace, layer: layer - 1, reverse: reverse,
                                               series: series, steps: steps, units: units)
            let text: String
            switch format {
            case "svg":
                let cells = selection.cellCount
                guard cells <= HeatmapSVG.maximumCells else {
                    throw UserError("\(cells) cells are too many for one SVG (limit \(HeatmapSVG.maximumCells)); narrow with --steps, --units or --series")
                }
                text = HeatmapSVG.document(panels: try selection.panels(rows: selection.steps, colorBlindSafe: palette == "cb",
                                                                        vocabulary: source.metadata.vocabulary),
                                           title: selection.title)
            case "txt", "ansi":
                let cells = selection.cellCount
                guard cells <= HeatmapCanvas.maximumCells else {
                    throw UserError("\(cells) cells are too many for one \(format) picture (limit \(HeatmapCanvas.maximumCells), each line spans every step); take part of the run with --steps a:b, or fewer --units or --series")
                }
                let color = format == "ansi"
                let buffer = HeatmapCanvas.buffer(panels: try selection.panels(rows: selection.steps, colorBlindSafe: palette == "cb",
                                                                               vocabulary: source.metadata.vocabulary),
                                                  halfBlocks: color, mode: color ? .truecolor : .monochrome)
                text = selection.title + "\n\n" + (color ? ANSIText.render(buffer) : buffer.plainText()) + "\n"
            default:
                // Frame by frame to the file: memory holds one frame, whatever --max-frames is.
                let output = try CastOutput(path: out)
                do {
                    try cast(selection) { try output.write($0) }
                    try output.finish()
                } catch {
                    output.discard()
                    throw error
                }
                if out != "-" {
                    print("wrote \(out) (cast, \(selection.series.count) series × \(selection.steps.count) steps × \(selection.units.count) units, \(RecordCommand.formatBytes(output.bytesWritten)))")
                }
                return
            }
            if out == "-" {
                print(text, terminator: "")
            } else {
                try FileBytes.writeAtomically(Array(text.utf8), to: out)
                print("wrote \(out) (\(format), \(selection.series.count) series × \(selection.steps.count) step\(selection.steps.count == 1 ? "" : "s") × \(selection.units.count) unit\(selection.units.count == 1 ? "" : "s"), \(RecordCommand.formatBytes(text.utf8.count)))")
            }
        }
    }

    /// The asciicast: one frame per sampled step, each showing the steps up to it, handed to `write`
    /// line by line (header first).
    func cast(_ selection: TraceSelection, write: (String) throws -> Void) throws {
        if explorer { return try explorerCast(selection, write: write) }
        let range = selection.steps
        let frameCount = min(maxFrames, range.count)
        let frameSteps = (0..<frameCount).map { k in
            range.lowerBound + (frameCount == 1 ? range.count - 1 : k * (range.count - 1) / (frameCount - 1))
        }
        let panelRows = selection.series.reduce(0) { $0 + (selection.units(of: $1).count + 1) / 2 + 4 }
        let height = 2 + panelRows
        var recording = Asciicast(width: width, height: height, title: selection.title)
        try write(recording.encodedHeader())
        for (index, step) in frameSteps.enumerated() {
            let window = ReplayFrame.window(step: step, first: range.lowerBound, width: width)
            let panels = try selection.panels(rows: window, colorBlindSafe: palette == "cb")
            let frame = ReplayFrame.render(panels: panels, step: step, totalSteps: selection.totalSteps,
                                           header: selection.title, width: width, height: height)
            recording.appendFrame(frame, at: Double(index) / fps)
            try write(recording.takeEncodedEvents())
        }
    }
}
