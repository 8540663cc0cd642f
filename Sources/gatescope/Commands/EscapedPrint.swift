import GateCanvas

/// `Swift.print` for this module's one-string calls, with control characters escaped
/// (``TerminalText``): command output quotes names, paths and metadata from files, which must not
/// reach the terminal as escape sequences. Line breaks are kept.
func print(_ text: String) {
    Swift.print(TerminalText.escaped(text, keepNewlines: true))
}
