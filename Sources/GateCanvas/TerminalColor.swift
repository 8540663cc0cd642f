/// A colour a terminal cell can show.
///
/// Views may use any case; the terminal backend converts colours it cannot show exactly
/// (for example `.rgb` on a 256-colour terminal) with ``ColorQuantizer``.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case `default`
    /// A palette entry: 0–15 are the ANSI colours, 16–231 the 6×6×6 cube, 232–255 the grey ramp.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The colour as it will be shown in `mode`; in monochrome every colour becomes `.default`.
    public func resolved(for mode: ColorMode) -> TerminalColor {
        switch (self, mode) {
        case (.default, _), (_, .monochrome):
            return .default
        case (.rgb, .truecolor), (.indexed, .truecolor):
            return self
        case let (.rgb(r, g, b), .palette256):
            return .indexed(ColorQuantizer.xterm256(r, g, b))
        case (.indexed, .palette256):
            return self
        case let (.rgb(r, g, b), .palette16), let (.rgb(r, g, b), .palette8):
            return .indexed(mode == .palette8 ? ColorQuantizer.ansi8(r, g, b) : ColorQuantizer.ansi16(r, g, b))
        case let (.indexed(index), .palette16), let (.indexed(index), .palette8):
            if index < (mode == .palette8 ? 8 : 16) { return self }
            let (r, g, b) = ColorQuantizer.rgb(forIndex: index)
            return TerminalColor.rgb(r, g, b).resolved(for: mode)
        }
    }
}
