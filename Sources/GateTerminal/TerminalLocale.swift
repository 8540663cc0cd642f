import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character set the curses layer draws in.
///
/// ncurses can only draw `▀█─…` when the locale's character set is UTF-8. With `LANG=C` (or no
/// locale at all) on a terminal that is UTF-8 anyway — nearly every terminal today — the curses
/// layer alone switches its character type to `C.UTF-8`; only for terminal types that are known
/// not to be UTF-8 (vt100, vt220, the bare Linux console's ASCII cousins), or when no UTF-8 locale
/// exists, does the screen fall back to ASCII glyphs (``ASCIIFallback``).
enum TerminalLocale {
    /// Terminal types that cannot show UTF-8.
    static let asciiTerminals: Set<String> = ["vt52", "vt100", "vt102", "vt220", "vt320", "ansi", "dumb", "cons25"]

    /// Sets the locale from the environment and makes it UTF-8 when the terminal can show it;
    /// returns whether drawing is UTF-8. `GATESCOPE_ASCII=1` forces ASCII.
    static func configure(environment: [String: String], term: String) -> Bool {
        setlocale(LC_ALL, "")
        if let ascii = environment["GATESCOPE_ASCII"], !ascii.isEmpty, ascii != "0" { return false }
        if isUTF8() { return true }
        guard !asciiTerminals.contains(term) else { return false }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return true }
        }
        return false
    }

    /// Whether the current character type is UTF-8.
    static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}

/// ASCII stand-ins for the glyphs the explorer draws, for terminals without UTF-8.
enum ASCIIFallback {
    /// The ASCII text for `grapheme` (itself when already ASCII).
    static func text(for grapheme: String) -> String {
        guard let scalar = grapheme.unicodeScalars.first, !grapheme.unicodeScalars.allSatisfy(\.isASCII) else { return grapheme }
        switch scalar.value {
        case 0x2580, 0x2594: return "\""                 // ▀ ▔
        case 0x2581, 0x2582: return "_"                  // ▁ ▂
        case 0x2583...0x2587: return "="                 // ▃ … ▇
        case 0x2588, 0x25A0, 0x25CF, 0x2589...0x258F: return "#"  // █ ■ ● and partial blocks
        case 0x2591, 0x00B7, 0x2219: return "."          // ░ · ∙
        case 0x2592: return ":"                          // ▒
        case 0x2593, 0x2261: return "%"                  // ▓ ≡
        case 0x2500...0x2501, 0x2504...0x250B, 0x2574, 0x2576: return "-"
        case 0x2502...0x2503, 0x2575, 0x2577: return "|"
        case 0x250C...0x254B: return "+"
        case 0x2190, 0x25C0, 0x25C2: return "<"          // ← ◀
        case 0x2192, 0x25B6, 0x25B8: return ">"          // → ▶ ▸
        case 0x2191, 0x25B2: return "^"                  // ↑ ▲
        case 0x2193, 0x25BC: return "v"                  // ↓ ▼
        case 0x00D7: return "x"                          // ×
        case 0x00B1: return "+"                          // ±
        case 0x2013, 0x2014, 0x208B: return "-"          // – — ₋
        case 0x2080...0x2089: return String(scalar.value - 0x2080)  // ₀ … ₉
        case 0x00B9: return "1"
        case 0x00B2, 0x00B3: return String(scalar.value - 0x00B0)  // ² ³
        case 0x2212: return "-"                          // −
        case 0x2026: return "~"                          // …
        case 0x2605, 0x2666: return "*"                  // ★ ♦
        case 0x23F8: return "="                          // ⏸
        default: return "?"
        }
    }
}
