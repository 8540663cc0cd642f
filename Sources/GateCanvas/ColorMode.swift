/// How many colours the terminal can show, best first.
public enum ColorMode: String, CaseIterable, Hashable, Sendable {
    /// 24-bit colour.
    case truecolor
    /// The xterm 256-colour palette.
    case palette256
    /// The 16 ANSI colours.
    case palette16
    /// The 8 basic ANSI colours (TERM=xterm, screen, linux): no bright variants, and 0 is black.
    case palette8
    /// No colour: shade glyphs and attributes only (also used when NO_COLOR is set).
    case monochrome
}
