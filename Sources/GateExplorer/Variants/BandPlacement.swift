import GateCanvas
/// Where one band of the all-layers view (`A`) sits on screen: its title row, its heatmap rows and
/// the first band row (unit) shown. Computed once by ``ExplorerFrame/bandPlacements()`` and used both
/// to draw and to hit-test mouse clicks, so a click lands on what was drawn.
public struct BandPlacement: Sendable {
    /// The band.
    public var band: LayerBand
    /// The title row.
    public var titleY: Int
    /// The heatmap: x from the layout's heatmap column, one row per `unitsPerRow` band rows.
    public var heatmap: Rect
    /// The band row (unit) drawn in the heatmap's top row (the page holding the selected unit).
    public var firstUnit: Int
    /// Units per screen row (2 with half blocks).
    public var unitsPerRow: Int
    /// The belt-sum row below the heatmap, if drawn.
    public var sumY: Int?

    /// The last row the band uses (title, heatmap and sum).
    public var maxY: Int { (sumY ?? (heatmap.maxY - 1)) + 1 }

    /// The band rows drawn in heatmap row `row` (upper, and lower with half blocks), or nil past the band.
    public func units(inRow row: Int) -> (upper: Int, lower: Int?)? {
        let upper = firstUnit + row * unitsPerRow
        guard row >= 0, row < heatmap.height, upper < band.units else { return nil }
        return (upper, unitsPerRow == 2 && upper + 1 < band.units ? upper + 1 : nil)
    }
}
