import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats
import GateTerminal

/// Opening ConvLSTM models and traces in the spatial explorer (`explore --model/--demo`, `replay`).
enum ConvLSTMExploring {
    /// Whether the model file at `path` holds ConvLSTM weights.
    static func isConvLSTM(path: String) -> Bool {
        guard path.lowercased().hasSuffix(".safetensors"), let file = try? ModelImporter.open(path: path) else { return false }
        return ConvLSTMImporter.isConvLSTM(file)
    }

    /// Frames from a CSV (one frame per row, C·H·W values channel-first) or `.npy` (T, C·H·W).
    static func frames(path: String, for network: ConvLSTMNetwork) throws -> Matrix {
        let frames = path.lowercased().hasSuffix(".npy") ? try NpyArray(path: path).matrix(source: path)
            : try CSVSequence(path: path).matrix
        let shape = network.inputShape
        guard frames.columns == shape.count else {
            throw UserError("\(path) has \(frames.columns) values per row but the model takes frames of \(shape.channels)×\(shape.height)×\(shape.width) = \(shape.count) (one frame per row, channel-first)")
        }
        guard frames.rows > 0 else { throw UserError("\(path) holds no frames") }
        return frames
    }

    /// The run of the ConvLSTM model at `model` over the frames at `input`.
    static func run(model: String, input: String?, name: String, title: String, story: String?) throws -> SpatialRun {
        guard let input else {
            throw UserError("a ConvLSTM model takes frames: pass --input frames.csv (one frame per row, C·H·W values)")
        }
        let network = try ConvLSTMImporter.load(path: model)
        return SpatialRun(network: network, frames: try frames(path: input, for: network), name: name, title: title, story: story)
    }

    /// A replayed ConvLSTM trace, or nil when the trace is not one.
    static func replayRun(_ loaded: LoadedTrace, name: String, title: String) -> SpatialRun? {
        guard let shapes = ConvLSTMTraceWriter.spatialShapes(loaded.metadata), let first = shapes.first else { return nil }
        let extra = loaded.metadata.extra
        let inputChannels = extra["input_channels"].flatMap { Int($0) } ?? 1
        let inputShape = SpatialShape(channels: inputChannels, height: first.height, width: first.width)
        var outputShape: SpatialShape?
        if let parts = extra["output_shape"]?.split(separator: ",").compactMap({ Int($0) }), parts.count == 3 {
            outputShape = SpatialShape(channels: parts[0], height: parts[1], width: parts[2])
        }
        let summary = "ConvLSTM \(inputChannels)→" + shapes.map { String($0.channels) }.joined(separator: "→")
            + " \(extra["kernels"] ?? "") on \(first.height)×\(first.width) · replay"
        return SpatialRun(name: name, title: title, trace: loaded.trace, shapes: shapes, inputShape: inputShape,
                          outputShape: outputShape, outputIsLogit: (extra["output_activation"] ?? "sigmoid") == "sigmoid",
                          modelSummary: summary)
    }

    /// Runs the spatial explorer on `run`.
    static func open(_ run: SpatialRun, palette: ExplorerPalette, commandName: String) throws {
        var app = SpatialExplorerApp(run: run, palette: palette)
        try GateTerminal.run(app: &app, commandName: commandName)
    }
}
