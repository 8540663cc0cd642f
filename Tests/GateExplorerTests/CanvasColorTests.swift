import GateCanvas
import Foundation
import Testing
@testable import GateExplorer

/// Colour quantisation, scales and value-to-cell mapping.
@Suite struct CanvasColorTests {
    @Test(arguments: [
        ((0, 0, 0), 16), ((255, 255, 255), 231), ((255, 0, 0), 196), ((0, 255, 0), 46), ((0, 0, 255), 21),
        ((128, 128, 128), 244), ((8, 8, 8), 232), ((238, 238, 238), 255), ((95, 135, 175), 67),
    ] as [((UInt8, UInt8, UInt8), UInt8)])
    func xterm256PicksNearestCubeOrGrey(rgb: (UInt8, UInt8, UInt8), expected: UInt8) {
        #expect(ColorQuantizer.xterm256(rgb.0, rgb.1, rgb.2) == expected)
    }

    @Test func xterm256RoundTripsEveryCubeAndGreyEntry() {
        for index in UInt8(16)...255 {
            let (r, g, b) = ColorQuantizer.rgb(forIndex: index)
            #expect(ColorQuantizer.xterm256(r, g, b) == index, "entry \(index)")
        }
    }

    @Test(arguments: [
        ((0, 0, 0), 0), ((255, 255, 255), 15), ((250, 10, 10), 9), ((0, 0, 200), 4), ((128, 128, 128), 8),
        ((200, 200, 0), 3), ((0, 250, 250), 14),
    ] as [((UInt8, UInt8, UInt8), UInt8)])
    func ansi16PicksNearestColour(rgb: (UInt8, UInt8, UInt8), expected: UInt8) {
        #expect(ColorQuantizer.ansi16(rgb.0, rgb.1, rgb.2) == expected)
    }

    @Test func resolvedFollowsTheMode() {
        let red = TerminalColor.rgb(255, 0, 0)
        #expect(red.resolved(for: .truecolor) == red)
        #expect(red.resolved(for: .palette256) == .indexed(196))
        #expect(red.resolved(for: .palette16) == .indexed(9))
        #expect(red.resolved(for: .monochrome) == .default)
        #expect(TerminalColor.indexed(196).resolved(for: .palette16) == .indexed(9))
        #expect(TerminalColor.default.resolved(for: .palette256) == .default)
    }

    @Test func sequentialEndpointsAreViridis() {
        #expect(ColorScale.sequential.rgb(for: 0) == (0x44, 0x01, 0x54))
        #expect(ColorScale.sequential.rgb(for: 1) == (0xFD, 0xE7, 0x25))
        #expect(ColorScale.sequential.rgb(for: -3) == ColorScale.sequential.rgb(for: 0))
        #expect(ColorScale.sequential.rgb(for: 7) == ColorScale.sequential.rgb(for: 1))
        #expect(ColorScale.sequential.rgb(for: .nan) == ColorScale.sequential.rgb(for: 0))
    }

    @Test func divergingIsCentredOnWhite() {
        for scale in [ColorScale.diverging, .divergingColorBlindSafe] {
            #expect(scale.rgb(for: 0) == (0xF7, 0xF7, 0xF7))
            #expect(scale.rgb(for: .nan) == (0xF7, 0xF7, 0xF7))
            let negative = scale.rgb(for: -1), positive = scale.rgb(for: 1)
            #expect(negative.2 > negative.0, "negative end is blue")
            #expect(positive.0 > positive.2, "positive end is red or orange")
        }
    }

    @Test(arguments: [ColorScale.sequential, .sequentialColorBlindSafe])
    func sequentialLightnessRisesMonotonically(scale: ColorScale) {
        let samples = (0...100).map { luminance(scale.rgb(for: Double($0) / 100)) }
        for (a, b) in zip(samples, samples.dropFirst()) { #expect(b >= a) }
        #expect(samples.last! > samples.first! + 0.5)
    }

    @Test(arguments: [ColorScale.diverging, .divergingColorBlindSafe])
    func divergingLightnessPeaksAtZero(scale: ColorScale) {
        let negative = (0...50).map { luminance(scale.rgb(for: -1 + Double($0) / 50)) }
        let positive = (0...50).map { luminance(scale.rgb(for: Double($0) / 50)) }
        for (a, b) in zip(negative, negative.dropFirst()) { #expect(b >= a) }
        for (a, b) in zip(positive, positive.dropFirst()) { #expect(b <= a) }
    }

    @Test func shadesRiseWithTheValue() {
        #expect(ColorScale.sequential.shade(for: 0) == "·")
        #expect(ColorScale.sequential.shade(for: 0.5) == "▒")
        #expect(ColorScale.sequential.shade(for: 1) == "█")
        #expect(ColorScale.diverging.shade(for: -1) == "■")
        #expect(ColorScale.diverging.shade(for: -0.5) == "=")
        #expect(ColorScale.diverging.shade(for: 0) == "·")
        #expect(ColorScale.diverging.shade(for: 0.5) == "▒")
        #expect(ColorScale.diverging.shade(for: 1) == "█")
    }

    @Test func halfBlockCarriesTopAsForegroundAndBottomAsBackground() {
        let cell = ScaleTable(scale: .sequential, mode: .truecolor).cell(upper: 1, lower: 0)
        #expect(cell.grapheme == "▀")
        #expect(cell.style.foreground == .rgb(0xFD, 0xE7, 0x25))
        #expect(cell.style.background == .rgb(0x44, 0x01, 0x54))
        let quantised = ScaleTable(scale: .sequential, mode: .palette256).cell(upper: 1, lower: 0)
        #expect(quantised.style.foreground == .indexed(ColorQuantizer.xterm256(0xFD, 0xE7, 0x25)))
    }

    @Test func monochromeShadesTheTopValueLikeTheScaleTable() {
        // One rule for every heatmap cell: the top (upper) value's glyph. A mean would draw +1 over −1 as 0.
        #expect(ScaleTable(scale: .sequential, mode: .monochrome).cell(upper: 1, lower: 0) == Cell("█"))
        #expect(ScaleTable(scale: .diverging, mode: .monochrome).cell(upper: -1, lower: -1) == Cell("■"))
        #expect(ScaleTable(scale: .diverging, mode: .monochrome).cell(upper: 1, lower: -1) == Cell("█"))
        let table = ScaleTable(scale: .diverging, mode: .monochrome)
        for (top, bottom) in [(1.0, -1.0), (-0.5, 0.9), (0.3, 0.0)] {
            #expect(table.cell(upper: Float(top), lower: Float(bottom)) == Cell(ColorScale.diverging.shade(for: top)))
        }
    }

    @Test func aRowOfOneValuePerCellFillsBothHalves() {
        // 0 on the 16-colour diverging ladder is its light middle, palette entry 15, above and below.
        let cell = ScaleTable(scale: .diverging, mode: .palette16).cell(upper: 0, lower: 0)
        #expect(cell.grapheme == "▀")
        #expect(cell.style.foreground == .indexed(15) && cell.style.background == .indexed(15))
    }

    /// Relative luminance (sRGB, linearised).
    private func luminance(_ rgb: (UInt8, UInt8, UInt8)) -> Double {
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
    }
}
