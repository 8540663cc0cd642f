import GateCanvas
import ArgumentParser
import GateCore
import GateExplorer
import GateFormats

/// `gatescope diff`: compares two traces value by value, like diff(1) for recordings.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two traces of the same length: per layer and series, then the input and the head's output: the largest and mean |Δ| and where.",
        discussion: """
            Exit status, as diff(1): 0 when every value agrees within --tolerance, 1 when they differ, \
            2 on an error (unreadable file, different lengths or widths).
            Steps and units are numbered from 1, as the explorer shows them.
            A NaN against a number is a difference of nan, whatever the tolerance; NaN against NaN is equal.
            """
    )

    @Argument(help: "The first trace.")
    var a: String

    @Argument(help: "The second trace.")
    var b: String

    @Option(name: .long, parsing: .unconditional, help: "Largest |Δ| still counted as equal (default 0: bit-for-bit, NaN = NaN).")
    var tolerance: Float = 0

    @Flag(name: .long, help: "Print only the verdict line.")
    var quiet = false

    func validate() throws {
        guard tolerance >= 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a finite number ≥ 0 (e.g. 1e-6)") }
    }

    func run() throws {
        let comparison: TraceComparison
        do {
            comparison = try TraceComparison(try MappedTrace(path: a), try MappedTrace(path: b))
        } catch {
            printError(String(describing: error))
            throw ExitCode(2)
        }
        if !quiet {
            let nameWidth = max(6, comparison.differences.map(\.name.count).max() ?? 0)
            print("series".padded(nameWidth) + "  max |Δ|       mean |Δ|      at step, unit   A → B")
            for d in comparison.differences {
                let name = d.name.padded(nameWidth)
                let marker = d.maxAbs > tolerance || d.nanMismatches > 0 ? "  ≠" : ""
                let at = d.maxAbs == 0 ? "—" : "\(d.step + 1), \(d.unit + 1)"
                let values = d.maxAbs == 0 ? "" : "\(ExportNumber.exact(d.values.0)) → \(ExportNumber.exact(d.values.1))"
                let nan = d.nanMismatches > 0 ? " (\(d.nanMismatches) NaN mismatches)" : ""
                print("\(name)  \(Self.scientific(Double(d.maxAbs)).padded(12))  \(Self.scientific(d.meanAbs).padded(12))  \(at.padded(14))  \(values)\(nan)\(marker)")
            }
            for item in comparison.unmatched { print("not compared: \(item)") }
        }
        let identical = comparison.isIdentical(tolerance: tolerance)
        let differing = comparison.differences.filter { $0.maxAbs > tolerance || $0.nanMismatches > 0 }.count
        if identical {
            print("identical\(tolerance > 0 ? " within \(tolerance)" : ""): \(comparison.differences.count) series × \(comparison.steps) step\(comparison.steps == 1 ? "" : "s") (max |Δ| \(Self.scientific(Double(comparison.maxAbs))))")
        } else {
            print("differ: \(differing) of \(comparison.differences.count) series exceed \(tolerance) (max |Δ| \(Self.scientific(Double(comparison.maxAbs))))")
            throw ExitCode(1)
        }
    }

    /// "1.23e-06", "0", "inf".
    static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : "inf" }
        guard value != 0 else { return "0" }
        var exponent = 0
        var mantissa = value
        while abs(mantissa) >= 10 { mantissa /= 10; exponent += 1 }
        while abs(mantissa) < 1 { mantissa *= 10; exponent -= 1 }
        let sign = exponent < 0 ? "-" : "+"
        let digits = String(abs(exponent))
        return NumberFormat.fixed(mantissa, 2) + "e" + sign + (digits.count < 2 ? "0" : "") + digits
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
