import GateCore

/// A trace file read into memory.
public struct LoadedTrace: Sendable {
    /// Every recorded value.
    public var trace: NetworkTrace
    /// The file's metadata.
    public var metadata: TraceMetadata
    /// Tensor names in the file that are not part of the trace layout (kept for inspection).
    public var otherTensors: [String]
}
