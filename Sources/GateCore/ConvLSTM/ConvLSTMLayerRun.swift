/// What running one ConvLSTM layer over a sequence of frames produced.
public struct ConvLSTMLayerRun: Sendable {
    /// Series by name (`SeriesName`: the four gates, their `*_preactivation`, `cell`, `hidden`), each
    /// T × (C·H·W), channel-first, row t the value after frame t.
    public var series: [String: Matrix]
    /// The shape of every series row.
    public var shape: SpatialShape
    /// The pixel-major buffers the backward pass needs.
    var cache: ConvLSTMForwardCache
}
