/// The size of a spatial tensor at one timestep: channels × height × width.
///
/// gatescope flattens it **channel-first** (PyTorch's NCHW without the batch): element (c, y, x) is at
/// `c·H·W + y·W + x`. A ConvLSTM series row, an input frame row and a peephole row all use this order.
/// Keras keeps data channels-last (H, W, C); `ConvLSTMImporter` and docs/variants.md describe the
/// conversion.
public struct SpatialShape: Sendable, Hashable {
    /// Number of channels (feature maps).
    public var channels: Int
    /// Rows of the map.
    public var height: Int
    /// Columns of the map.
    public var width: Int

    /// A shape from its three sizes.
    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Pixels per channel, H·W.
    public var pixels: Int { height * width }
    /// Elements in all, C·H·W.
    public var count: Int { channels * height * width }

    /// The flat channel-first index of (channel, y, x).
    @inline(__always)
    public func index(channel: Int, y: Int, x: Int) -> Int { (channel * height + y) * width + x }

    /// "3×8×8" (channels × height × width).
    public var description: String { "\(channels)×\(height)×\(width)" }
}
