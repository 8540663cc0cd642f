/// The chunk traces a lazy run or row source computed lately, newest last: a hit becomes the newest,
/// and the oldest go once more than ``capacity`` are kept or, beyond the newest, more than
/// ``byteLimit`` bytes of values. Shared by ``LiveRun`` and the explorer's row sources.
public struct ChunkTraceCache: Sendable {
    /// Most chunks kept (at least 1).
    public let capacity: Int
    /// Most bytes of values kept beyond the newest chunk.
    public var byteLimit: Int
    /// The chunks kept, newest last.
    public private(set) var entries: [(chunk: Int, trace: NetworkTrace)] = []

    /// An empty cache of up to `capacity` chunks (at least 1) and `byteLimit` bytes.
    public init(capacity: Int, byteLimit: Int = .max) {
        self.capacity = max(1, capacity)
        self.byteLimit = byteLimit
    }

    /// Chunk `chunk`'s trace if kept, made the newest.
    public mutating func take(_ chunk: Int) -> NetworkTrace? {
        guard let hit = entries.firstIndex(where: { $0.chunk == chunk }) else { return nil }
        let entry = entries.remove(at: hit)
        entries.append(entry)
        return entry.trace
    }

    /// Chunk `chunk`'s trace if kept, leaving the order as it is.
    public func peek(_ chunk: Int) -> NetworkTrace? {
        entries.first(where: { $0.chunk == chunk })?.trace
    }

    /// Keeps `trace` as chunk `chunk`'s, the newest, and lets the oldest go past the limits.
    public mutating func keep(_ chunk: Int, _ trace: NetworkTrace) {
        entries.append((chunk, trace))
        while entries.count > capacity
                || (entries.count > 1 && entries.reduce(0, { $0 + Self.bytes(of: $1.trace) }) > byteLimit) {
            entries.removeFirst()
        }
    }

    /// Bytes of the values of `trace`.
    public static func bytes(of trace: NetworkTrace) -> Int {
        var floats = trace.input.values.count + (trace.output?.values.count ?? 0) + (trace.tokens?.count ?? 0)
        for layer in trace.layers { floats += layer.series.values.reduce(0) { $0 + $1.values.count } }
        return floats * 4
    }
}
