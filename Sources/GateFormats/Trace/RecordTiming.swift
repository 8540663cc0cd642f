/// Where a recording's time went: computing the run, and writing the file (fsync and rename included).
/// Filled in by ``TraceRecorder/record(_:input:tokens:to:model:inputSource:chunkSteps:timing:)``.
public final class RecordTiming {
    /// Time in the layers, the head and assembling each chunk.
    public var compute: Duration = .zero
    /// Time writing the file, fsync and rename included.
    public var write: Duration = .zero

    /// Zero so far.
    public init() {}
}
