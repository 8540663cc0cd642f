import Foundation
import GateCanvas
import Testing
@testable import GateExplorer

/// Every colour mode's ladder is monotone, keeps the sign readable and the legend true to the map.
@Suite struct ColorLadderTests {
    /// Luminance (0–255) of a colour as `mode` shows it (indexed entries by xterm's defaults).
    static func luminance(_ color: TerminalColor) -> Double {
        switch color {
        case .default: return -1
        case let .indexed(index): return ColorQuantizer.luminance(ofIndex: index)
        case let .rgb(r, g, b): return 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)
        }
    }

    /// Values across a scale's domain, low to high.
    static func samples(_ scale: ColorScale, count: Int = 201) -> [Double] {
        (0..<count).map { k in
            let t = Double(k) / Double(count - 1)
            return scale.isDiverging ? t * 2 - 1 : t
        }
    }

    static let colourModes: [ColorMode] = [.truecolor, .palette256, .palette16, .palette8]

    @Test(arguments: colourModes, ColorScale.allCases)
    func ladderIsMonotoneInLuminance(mode: ColorMode, scale: ColorScale) {
        // Sequential: brighter as the value grows. Diverging: darker away from 0 on both sides.
        let values = Self.samples(scale)
        let light = values.map { Self.luminance(scale.color(for: $0, mode: mode)) }
        if scale.isDiverging {
            let middle = values.count / 2
            for k in 0..<middle { #expect(light[k] <= light[k + 1] + 1e-9, "\(mode) \(scale) at \(values[k])") }
            for k in middle..<(values.count - 1) { #expect(light[k] >= light[k + 1] - 1e-9, "\(mode) \(scale) at \(values[k])") }
        } else {
            for k in 0..<(values.count - 1) { #expect(light[k] <= light[k + 1] + 1e-9, "\(mode) \(scale) at \(values[k])") }
        }
    }

    /// CIE L* (0–100) of an sRGB colour, computed here from the sRGB and CIE formulas.
    static func lightness(_ rgb: (UInt8, UInt8, UInt8)) -> Double {
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : Foundation.pow((c + 0.055) / 1.055, 2.4)
        }
        let y = 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
        return y > 216.0 / 24389.0 ? 116 * Foundation.cbrt(y) - 16 : y * 24389.0 / 27.0
    }

    /// xterm's default RGB of a 256-colour entry, from the xterm palette's definition: the 6×6×6 cube
    /// (levels 0, 95, 135, …, 255) and the grey ramp 8, 18, …, 238.
    static func xtermRGB(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        if index >= 232 { let v = UInt8(8 + 10 * (Int(index) - 232)); return (v, v, v) }
        let n = Int(index) - 16
        return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6])
    }

    /// The 256-colour ladders (viridis went purple, grey 239, blue): monotone in CIE L* lightness, and
    /// in a sequential ladder a grey entry appears only where the scale's own colour is a grey.
    @Test(arguments: ColorScale.allCases)
    func ladder256RisesInLightnessAndKeepsItsHue(scale: ColorScale) {
        let ladder = scale.ladder(for: .palette256)
        #expect(ladder.count == 64)
        let light = ladder.map { Self.lightness(Self.xtermRGB($0)) }
        let domain = scale.domain
        for (k, entry) in ladder.enumerated() {
            #expect((16...255).contains(entry), "\(scale): entry \(entry) is one of the 16 redefinable colours")
            if k > 0 {
                // Sequential: never darker than the step below. Diverging: lighter towards the middle from
                // −1, darker from the middle towards +1 (the two middle steps may differ either way).
                let middle = ladder.count / 2
                if !scale.isDiverging || k < middle {
                    #expect(light[k] >= light[k - 1] - 1e-9, "\(scale): step \(k) (\(entry)) L* \(light[k]) after \(light[k - 1])")
                } else if k > middle {
                    #expect(light[k] <= light[k - 1] + 1e-9, "\(scale): step \(k) (\(entry)) L* \(light[k]) after \(light[k - 1])")
                }
            }
            let rgb = Self.xtermRGB(entry)
            guard !scale.isDiverging, rgb.0 == rgb.1 && rgb.1 == rgb.2 else { continue }
            // A grey step: the scale's colour there must itself be (nearly) grey.
            let value = domain.lowerBound + (domain.upperBound - domain.lowerBound) * (Double(k) + 0.5) / Double(ladder.count)
            let (r, g, b) = scale.rgb(for: value)
            #expect(Int(max(r, g, b)) - Int(min(r, g, b)) <= 16,
                    "\(scale): step \(k) is grey \(entry) but the scale is (\(r), \(g), \(b)) there")
        }
        if !scale.isDiverging {
            #expect(light[ladder.count - 1] - light[0] > 50, "\(scale): the ladder spans too little lightness")
        }
    }

    @Test(arguments: colourModes, [ColorScale.diverging, .divergingColorBlindSafe])
    func signIsReadableAndNeverBlack(mode: ColorMode, scale: ColorScale) {
        // Mid-size and large values of both signs: a colour, not the black background, and not the
        // same colour for +v and −v.
        for magnitude in [0.5, 0.6, 0.75, 0.9, 1.0] {
            let plus = scale.color(for: magnitude, mode: mode), minus = scale.color(for: -magnitude, mode: mode)
            #expect(plus != minus, "\(mode) ±\(magnitude)")
            for color in [plus, minus] {
                #expect(color != .default && color != .indexed(0) && color != .rgb(0, 0, 0), "\(mode) ±\(magnitude)")
            }
        }
    }

    @Test(arguments: ColorScale.allCases)
    func monochromeRampIsMonotoneAndSigned(scale: ColorScale) {
        let ramp = ColorScale.shadeGlyphs, negative = ColorScale.negativeGlyphs
        let values = Self.samples(scale)
        // Density: position in the ramp for positive shapes, in the negative ramp for negative ones.
        func density(_ glyph: Character) -> Int {
            if let k = ramp.firstIndex(of: glyph) { return k }
            return negative.firstIndex(of: glyph).map { -($0 + 1) } ?? Int.min
        }
        let levels = values.map { density(scale.shade(for: $0)) }
        #expect(!levels.contains(Int.min))
        if scale.isDiverging {
            // From −1 to 0 the negative shapes thin out, then the positive ramp thickens.
            let negatives = zip(values, levels).filter { $0.0 < 0 }.map(\.1).map { $0 < 0 ? -$0 : 0 }
            for k in 0..<(negatives.count - 1) { #expect(negatives[k] >= negatives[k + 1]) }
            let positives = zip(values, levels).filter { $0.0 >= 0 }.map(\.1)
            for k in 0..<(positives.count - 1) { #expect(positives[k] <= positives[k + 1]) }
            #expect(scale.shade(for: 0.6) != scale.shade(for: -0.6))
        } else {
            for k in 0..<(levels.count - 1) { #expect(levels[k] <= levels[k + 1]) }
        }
    }

    @Test(arguments: [ColorMode.palette16, .palette8, .monochrome])
    func legendShowsEveryColourTheMapUses(mode: ColorMode) {
        // Every colour (or glyph) painted in the heatmaps of a rendered screen is in the legend row.
        var state = ExplorerTestSupport.demoState()
        state.move(to: state.totalSteps - 1)
        let frame = ExplorerFrame(state: state, width: 120, height: 40, mode: mode)
        var buffer = CellBuffer(width: 120, height: 40, colorMode: mode)
        frame.render(into: &buffer)
        let legend = frame.legendLine().pieces.map(\.style)
        let legendText = frame.legendLine().pieces.map(\.text).joined()
        for placement in frame.layout.panels {
            let table = frame.table(for: placement.kind)
            let swatch = table.swatch(count: 7)
            for y in placement.heatmap.y..<placement.heatmap.maxY {
                for x in placement.heatmap.x..<placement.heatmap.maxX {
                    let cell = buffer[x, y]
                    if mode == .monochrome {
                        guard cell.grapheme != " " else { continue }
                        #expect(legendText.contains(cell.grapheme), "\(cell.grapheme) at \(x),\(y)")
                        continue
                    }
                    guard cell.grapheme == "▀" else { continue }
                    for color in [cell.style.foreground, cell.style.background] where color != .default {
                        #expect(swatch.contains { $0.style.foreground == color }, "\(mode) \(color) at \(x),\(y)")
                        #expect(legend.contains { $0.foreground == color }, "\(mode) \(color) missing from the legend")
                    }
                }
            }
        }
    }

    @Test func eightColoursResolveToTheBasicEight() {
        #expect(TerminalColor.rgb(255, 0, 0).resolved(for: .palette8) == .indexed(1))
        #expect(TerminalColor.indexed(12).resolved(for: .palette8) == .indexed(4))
        #expect(TerminalColor.indexed(3).resolved(for: .palette8) == .indexed(3))
    }
}
