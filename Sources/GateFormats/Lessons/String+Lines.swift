extension String {
    /// The text's lines, split at every "\n" with a trailing "\r" removed (so CRLF files read like LF
    /// ones). Splits on Unicode scalars: "\r\n" is a single `Character`, which a split on the
    /// `Character` "\n" would never see.
    var textLines: [String] {
        unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map { scalars in
            var line = String.UnicodeScalarView(scalars)
            if line.last == "\r" { line.removeLast() }
            return String(line)
        }
    }
}
