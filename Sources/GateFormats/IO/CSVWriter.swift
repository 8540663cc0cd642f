#if canImport(GateCore)
import GateCore
#endif

/// Writes a matrix as CSV (rows are timesteps): comma-separated, LF line ends, optional header.
///
/// Values use Swift's shortest round-trip spelling (`0.1`, `1e-05`), so reading the file back
/// with ``CSVSequence`` gives the same floats. Non-finite values are written as `nan`/`inf`,
/// which ``CSVSequence`` rejects. Header names are quoted when they contain a comma, quote or newline.
public enum CSVWriter {
    /// The CSV text for `matrix`, with a header row when `columnNames` is given.
    public static func render(_ matrix: Matrix, columnNames: [String]? = nil) -> String {
        var out = ""
        if let columnNames {
            out += columnNames.map(quoted).joined(separator: ",")
            out += "\n"
        }
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns {
                if column > 0 { out += "," }
                out += "\(matrix[row, column])"
            }
            out += "\n"
        }
        return out
    }

    /// Writes the CSV text for `matrix` to `path` atomically.
    public static func write(_ matrix: Matrix, columnNames: [String]? = nil, to path: String) throws {
        if let columnNames, columnNames.count != matrix.columns {
            throw FormatError("\(columnNames.count) column names for \(matrix.columns) columns; give one name per column", source: path)
        }
        try FileBytes.writeAtomically(Array(render(matrix, columnNames: columnNames).utf8), to: path)
    }

    /// The name, quoted if it contains a separator, quote, line break or edge spaces.
    ///
    /// Works on Unicode scalars, not `Character`s: a quote followed by a combining mark is one
    /// `Character` but still a quote to a CSV reader (found by fuzzing).
    static func quoted(_ name: String) -> String {
        let scalars = name.unicodeScalars
        let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r", ";", "\t"]
        let needsQuotes = scalars.contains { special.contains($0) }
            || scalars.first == " " || scalars.last == " " || scalars.isEmpty
        guard needsQuotes else { return name }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in scalars {
            if scalar == "\"" { out.append("\"") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }
}
