#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Conversions from 24-bit colour to the xterm 256-colour palette and the 16 ANSI colours.
public enum ColorQuantizer {
    /// Channel levels of the xterm 6×6×6 colour cube (palette entries 16–231).
    public static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB values of the 16 ANSI colours.
    public static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The nearest entry of the 256-colour palette among the cube (16–231) and the grey ramp
    /// (232–255). The 16 ANSI entries are skipped because terminals redefine them freely.
    public static func xterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let (ri, gi, bi) = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let cubeEntry = UInt8(16 + 36 * ri + 6 * gi + bi)
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (mean - 8 + 5) / 10))
        let greyLevel = UInt8(8 + 10 * greyStep)
        let grey = (greyLevel, greyLevel, greyLevel)
        return distance((r, g, b), grey) < distance((r, g, b), cube) ? UInt8(232 + greyStep) : cubeEntry
    }

    /// Largest minus smallest channel at or under which a colour counts as grey (a neutral colour may
    /// be shown by a grey entry; a coloured one may not).
    public static let neutralChroma = 16

    /// Whether palette entry `index` is a grey: the grey ramp (232–255) or the cube's diagonal.
    public static func isGrey(index: UInt8) -> Bool {
        let (r, g, b) = rgb(forIndex: index)
        return index >= 232 || (index >= 16 && r == g && g == b)
    }

    /// Like ``xterm256(_:_:_:)``, but a coloured value (channels more than ``neutralChroma`` apart) never
    /// becomes a grey: the nearest cube entry off the grey diagonal. For colour scales, where a grey step
    /// in the middle of a hue breaks the scale ("purple, grey, blue").
    public static func xterm256KeepingHue(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        guard Int(max(r, g, b)) - Int(min(r, g, b)) > neutralChroma else { return xterm256(r, g, b) }
        var best: UInt8 = 16, bestDistance = Int.max
        for index in UInt8(16)...UInt8(231) where !isGrey(index: index) {
            let d = distance((r, g, b), rgb(forIndex: index))
            if d < bestDistance { (best, bestDistance) = (index, d) }
        }
        return best
    }

    /// CIE L* lightness (0–100) of palette entry `index` as xterm shows it by default (sRGB, D65).
    public static func lightness(ofIndex index: UInt8) -> Double {
        let (r, g, b) = rgb(forIndex: index)
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        return y > 216.0 / 24389.0 ? 116 * cbrt(y) - 16 : y * 24389.0 / 27.0
    }

    /// The nearest of the 16 ANSI colours, measured against xterm's default palette.
    public static func ansi16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 { nearestANSI(r, g, b, among: 16) }

    /// The nearest of the 8 basic ANSI colours (what TERM=xterm or screen can show).
    public static func ansi8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 { nearestANSI(r, g, b, among: 8) }

    /// Relative luminance (0–255) of palette entry `index` as xterm shows it by default.
    public static func luminance(ofIndex index: UInt8) -> Double {
        let (r, g, b) = rgb(forIndex: index)
        return 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)
    }

    /// The nearest of the first `count` ANSI colours.
    private static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, among count: Int) -> UInt8 {
        var best = 0, bestDistance = Int.max
        for (index, entry) in ansiPalette.prefix(count).enumerated() {
            let d = distance((r, g, b), entry)
            if d < bestDistance { (best, bestDistance) = (index, d) }
        }
        return UInt8(best)
    }

    /// The RGB value xterm shows for palette entry `index` by default.
    public static func rgb(forIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16:
            return ansiPalette[Int(index)]
        case 16..<232:
            let n = Int(index) - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
    }

    /// Index of the nearest cube level for one channel.
    private static func cubeIndex(_ v: UInt8) -> Int {
        v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40
    }

    /// Squared distance with the usual "redmean" weights, closer to perceived difference than plain RGB.
    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let rMean = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }
}
