import GateCanvas
import GateCore
import GateExplorer
import Testing

/// `SpatialGateView` drawn into a cell buffer: half-block maps, shade glyphs in monochrome, the
/// channel grid with labels, clipping.
@Suite struct SpatialGateViewTests {
    /// Two channels of a 3×4 map: channel 0 a gradient 0…1 left to right, channel 1 a top row of ones.
    static let shape = SpatialShape(channels: 2, height: 3, width: 4)
    static let values: [Float] = {
        var v = [Float](repeating: 0, count: 24)
        for y in 0..<3 { for x in 0..<4 { v[y * 4 + x] = Float(x) / 3 } }
        for x in 0..<4 { v[12 + x] = 1 }
        return v
    }()

    @Test func monochromeMapShowsShades() {
        let view = SpatialGateView(values: Self.values, shape: Self.shape, scale: .sequential)
        #expect(view.mapSize.width == 4 && view.mapSize.height == 2)
        var buffer = CellBuffer(width: 6, height: 2, colorMode: .monochrome)
        view.drawMap(channel: 0, in: &buffer, x: 1, y: 0)
        #expect(buffer.plainText() == " ·░▓█\n ·░▓█")
        var second = CellBuffer(width: 4, height: 2, colorMode: .monochrome)
        view.drawMap(channel: 1, in: &second, x: 0, y: 0)
        // Rows 0–1 (1 over 0) show the upper row's shade (█: the one monochrome rule of every
        // heatmap, no mean that would invent a ½); the odd last row (y = 2) is zero (·, not blank).
        #expect(second.plainText() == "████\n····")
    }

    @Test func colourMapUsesHalfBlocks() {
        let view = SpatialGateView(values: Self.values, shape: Self.shape, scale: .sequential)
        var buffer = CellBuffer(width: 4, height: 2, colorMode: .truecolor)
        view.drawMap(channel: 1, in: &buffer, x: 0, y: 0)
        let top = buffer[0, 0]
        #expect(top.grapheme == "▀")
        #expect(top.style.foreground == ColorScale.sequential.color(for: 1, mode: .truecolor))
        #expect(top.style.background == ColorScale.sequential.color(for: 0, mode: .truecolor))
        // The last, odd row: upper pixel only, terminal default below.
        #expect(buffer[0, 1].grapheme == "▀" && buffer[0, 1].style.background == .default)
    }

    @Test func gridLabelsEveryChannelAndClips() {
        let view = SpatialGateView(values: Self.values, shape: Self.shape, scale: .sequential)
        var buffer = CellBuffer(width: 12, height: 3, colorMode: .monochrome)
        let drawn = view.drawGrid(in: &buffer, area: buffer.area)
        #expect(drawn == 2)
        #expect(buffer.plainText() == "ch 1 ch 2\n·░▓█ ████\n·░▓█ ····")
        var narrow = CellBuffer(width: 6, height: 3, colorMode: .monochrome)
        #expect(view.drawGrid(in: &narrow, area: narrow.area) == 1)
        var tooShort = CellBuffer(width: 12, height: 2, colorMode: .monochrome)
        #expect(view.drawGrid(in: &tooShort, area: tooShort.area) == 0)
    }

    @Test func signedSeriesUseADivergingScaleNormalisedOverTheTrace() throws {
        let cell = Matrix(rows: 2, columns: 4, values: [0.5, -0.5, 0, 0, 2, -2, 1, 0])
        let trace = LayerTrace(layer: 0, isReverse: false, kind: .lstm, series: [SeriesName.cell: cell])
        let shape = SpatialShape(channels: 1, height: 2, width: 2)
        let view = try #require(SpatialGateView(trace: trace, series: SeriesName.cell, step: 0, shape: shape))
        #expect(view.scale == .diverging && view.range == 2)
        #expect(SpatialGateView.scale(for: SeriesName.forgetGate) == .sequential)
        #expect(SpatialGateView.scale(for: SeriesName.cellCandidate, colorBlindSafe: true) == .divergingColorBlindSafe)
        #expect(SpatialGateView(trace: trace, series: SeriesName.hidden, step: 0, shape: shape) == nil)
    }
}
