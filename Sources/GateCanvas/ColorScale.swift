/// Colour scales for values, and the glyphs that show them in every ``ColorMode``.
///
/// Sequential scales read values in [0, 1] (gates); diverging scales read values in [-1, 1]
/// centred on 0 (signed c, g, h after normalisation). Values outside are clamped; NaN shows as the
/// scale's lowest (sequential) or middle (diverging) colour.
public enum ColorScale: String, CaseIterable, Hashable, Sendable {
    /// Viridis-like, dark purple (0) to yellow (1); perceptually uniform and colour-blind safe.
    case sequential
    /// Cividis-like, dark blue (0) to yellow (1); tuned for red–green colour blindness.
    case sequentialColorBlindSafe
    /// Blue (−1) – white (0) – red (+1).
    case diverging
    /// Blue (−1) – white (0) – orange (+1); safe for red–green colour blindness.
    case divergingColorBlindSafe

    /// The monochrome shade ramp, from lowest to full. The lowest is a dot, not a blank, so that a
    /// closed gate is not mistaken for a step the network has not read yet.
    public static let shadeGlyphs: [Character] = ["·", "░", "▒", "▓", "█"]

    /// Monochrome glyphs for negative values of a diverging scale, by growing magnitude: without
    /// colour the sign needs its own shapes (a shade ramp alone drew −1 as a blank).
    public static let negativeGlyphs: [Character] = ["-", "=", "≡", "■"]

    /// Whether the scale is centred on 0 and reads [-1, 1].
    public var isDiverging: Bool { self == .diverging || self == .divergingColorBlindSafe }

    /// The lowest and highest value the scale distinguishes.
    public var domain: ClosedRange<Double> { isDiverging ? -1...1 : 0...1 }

    /// The value's position along the scale in [0, 1] (clamped; NaN maps to the scale's neutral point).
    public func position(of value: Double) -> Double {
        guard !value.isNaN else { return isDiverging ? 0.5 : 0 }
        let t = isDiverging ? (value + 1) / 2 : value
        return min(1, max(0, t))
    }

    /// The 24-bit colour for `value`.
    public func rgb(for value: Double) -> (UInt8, UInt8, UInt8) {
        let stops = self.stops
        let scaled = position(of: value) * Double(stops.count - 1)
        let lower = min(stops.count - 2, Int(scaled))
        let f = scaled - Double(lower)
        let a = stops[lower], b = stops[lower + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * f).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// The colour for `value` as `mode` shows it (`.default` in monochrome). With 16 or 8 colours,
    /// a step of the mode's ladder (``ladder(for:)``) rather than the nearest colour, which is not
    /// monotone and, in 8 colours, turns mid-size values black like the background.
    public func color(for value: Double, mode: ColorMode) -> TerminalColor {
        let ladder = self.ladder(for: mode)
        if !ladder.isEmpty {
            let index = min(ladder.count - 1, Int(position(of: value) * Double(ladder.count)))
            return .indexed(ladder[index])
        }
        let (r, g, b) = rgb(for: value)
        return TerminalColor.rgb(r, g, b).resolved(for: mode)
    }

    /// The palette entries a mode paints with, from the scale's low end to its high end (empty for
    /// truecolor and monochrome). Sequential ladders rise in luminance; diverging ones fall in
    /// luminance from a light middle towards both ends, cold (blue, cyan) below 0 and warm (yellow,
    /// red) above, and never use black, the usual background. The 256-colour ladder is the nearest
    /// palette entry of 64 evenly spaced values that keeps the value's hue (a coloured value never
    /// becomes a grey entry: viridis went purple, grey, blue), where a step against the order in
    /// luminance or in CIE L* lightness keeps the previous entry (nearest-colour rounding alone goes
    /// back and forth).
    public func ladder(for mode: ColorMode) -> [UInt8] {
        switch (mode, self) {
        case (.palette256, _): Self.ladders256[self] ?? []
        case (.palette16, .sequential): [5, 12, 6, 10, 11]
        case (.palette16, .sequentialColorBlindSafe): [4, 12, 8, 3, 11]
        case (.palette16, .diverging), (.palette16, .divergingColorBlindSafe): [4, 12, 6, 14, 15, 11, 3, 9, 1]
        case (.palette8, .sequential): [4, 5, 6, 3]
        case (.palette8, .sequentialColorBlindSafe): [4, 6, 3, 7]
        case (.palette8, .diverging), (.palette8, .divergingColorBlindSafe): [4, 6, 7, 3, 1]
        default: []
        }
    }

    /// The glyph for `value` in monochrome. Sequential: the shade ramp from `·` (0) to `█` (1).
    /// Diverging: `·` near 0, then by magnitude `░▒▓█` for positive and `-=≡■` for negative values.
    public func shade(for value: Double) -> Character {
        let ramp = Self.shadeGlyphs
        guard isDiverging else {
            return ramp[min(ramp.count - 1, Int(position(of: value) * Double(ramp.count)))]
        }
        let signed = position(of: value) * 2 - 1
        let level = min(ramp.count - 1, Int(abs(signed) * Double(ramp.count)))
        if level == 0 { return ramp[0] }
        return signed < 0 ? Self.negativeGlyphs[level - 1] : ramp[level]
    }

    /// The 256-colour ladder of every scale, computed once.
    private static let ladders256: [ColorScale: [UInt8]] = {
        var result: [ColorScale: [UInt8]] = [:]
        for scale in ColorScale.allCases { result[scale] = scale.monotoneLadder256(steps: 64) }
        return result
    }()

    /// The nearest hue-keeping 256-colour entries of `steps` values, made monotone in luminance and lightness.
    private func monotoneLadder256(steps: Int) -> [UInt8] {
        let lower = domain.lowerBound, upper = domain.upperBound
        var entries = (0..<steps).map { k -> UInt8 in
            let (r, g, b) = rgb(for: lower + (upper - lower) * (Double(k) + 0.5) / Double(steps))
            return ColorQuantizer.xterm256KeepingHue(r, g, b)
        }
        /// Whether `a` is darker than `b` by either measure.
        func darker(_ a: UInt8, _ b: UInt8) -> Bool {
            ColorQuantizer.luminance(ofIndex: a) < ColorQuantizer.luminance(ofIndex: b)
                || ColorQuantizer.lightness(ofIndex: a) < ColorQuantizer.lightness(ofIndex: b)
        }
        if isDiverging {
            // Outwards from the middle, each entry no lighter than the one nearer the middle.
            let middle = steps / 2
            for k in stride(from: middle - 2, through: 0, by: -1) where darker(entries[k + 1], entries[k]) {
                entries[k] = entries[k + 1]
            }
            for k in (middle + 1)..<steps where darker(entries[k - 1], entries[k]) {
                entries[k] = entries[k - 1]
            }
        } else {
            for k in 1..<steps where darker(entries[k], entries[k - 1]) { entries[k] = entries[k - 1] }
        }
        return entries
    }

    /// The diverging scales' blue half, from −1 to the white middle: both share it and differ in the warm half.
    private static let coldStops: [(UInt8, UInt8, UInt8)] = [(0x21, 0x66, 0xAC), (0x43, 0x93, 0xC3), (0x92, 0xC5, 0xDE),
                                                               (0xD1, 0xE5, 0xF0), (0xF7, 0xF7, 0xF7)]

    /// Colour stops, evenly spaced over the domain.
    private var stops: [(UInt8, UInt8, UInt8)] {
        switch self {
        case .sequential:
            return [(0x44, 0x01, 0x54), (0x47, 0x2D, 0x7B), (0x3B, 0x52, 0x8B), (0x2C, 0x72, 0x8E),
                    (0x21, 0x91, 0x8C), (0x28, 0xAE, 0x80), (0x5E, 0xC9, 0x62), (0xAD, 0xDC, 0x30),
                    (0xFD, 0xE7, 0x25)]
        case .sequentialColorBlindSafe:
            return [(0x00, 0x22, 0x4E), (0x23, 0x3E, 0x6C), (0x57, 0x5C, 0x6D), (0x7C, 0x7B, 0x78),
                    (0xA6, 0x9D, 0x75), (0xD3, 0xC1, 0x64), (0xFE, 0xE8, 0x38)]
        case .diverging:
            return Self.coldStops + [(0xFD, 0xDB, 0xC7), (0xF4, 0xA5, 0x82), (0xD6, 0x60, 0x4D), (0xB2, 0x18, 0x2B)]
        case .divergingColorBlindSafe:
            return Self.coldStops + [(0xFE, 0xE0, 0xB6), (0xFD, 0xB8, 0x63), (0xE0, 0x82, 0x14), (0xB3, 0x58, 0x06)]
        }
    }
}
