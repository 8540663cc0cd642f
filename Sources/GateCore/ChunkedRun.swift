/// A run over a long input computed chunk by chunk on demand: what a row source reads windows from.
/// ``CheckpointedRun`` and ``EditedCheckpointedRun`` are the two.
public protocol ChunkedRun: AnyObject {
    /// Number of steps.
    var steps: Int { get }
    /// Token ids of the whole input, when it came from text.
    var tokens: [Int]? { get }
    /// Number of chunks.
    var chunkCount: Int { get }
    /// The steps chunk `chunk` covers.
    func range(ofChunk chunk: Int) -> Range<Int>
    /// The chunk holding step `step` (clamped to the run).
    func chunk(containing step: Int) -> Int
    /// Every series of every layer and direction, the input, the tokens and the output for chunk
    /// `chunk` (row 0 is step `range(ofChunk:).lowerBound`).
    func trace(ofChunk chunk: Int) -> NetworkTrace
}

extension CheckpointedRun: ChunkedRun {}
