/// How much memory a run held whole takes, so a command can refuse one that would not fit before it
/// starts instead of being killed by the system halfway.
extension RecurrentNetwork {
    /// Floats one step of a whole run holds: the input row, every series of every layer and direction
    /// (gates, states, pre-activations) and the head's output, counted from a one-step run.
    public func floatsPerStep() throws -> Int {
        let trace = try run(Matrix(rows: 1, columns: inputSize))
        var floats = trace.input.columns + (trace.output?.columns ?? 0)
        for layer in trace.layers { floats += layer.series.values.reduce(0) { $0 + $1.columns } }
        return floats
    }

    /// Bytes a whole run of `steps` steps holds (saturating at `Int.max`).
    public func wholeRunBytes(steps: Int) throws -> Int {
        let (floats, overflow) = try floatsPerStep().multipliedReportingOverflow(by: max(0, steps))
        let (bytes, overflow4) = floats.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        return overflow || overflow4 ? Int.max : bytes
    }
}
