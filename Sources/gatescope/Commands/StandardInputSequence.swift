#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GateCore
import GateFormats

/// `--input -` for the commands that need the whole input (record, units): standard input read to its end —
/// CSV, or text for a model with a vocabulary — like `--out -` writes standard output.
enum StandardInputSequence {
    /// The most read from standard input: 512 MB (a CSV of tens of millions of steps).
    static let limit = 512_000_000

    /// The sequence at `path` for `network`, or standard input's when `path` is `-`. A bad row or
    /// character stops it (the trace must hold every step given); the error says where, that
    /// `explore --input -` skips such rows instead, and how to drop them first.
    static func load(path: String, for network: RecurrentNetwork, command: String) throws -> LoadedSequence {
        guard path == "-" else { return try SequenceLoader.load(path: path, for: network) }
        let input = try bytes(command: command)
        do {
            return try SequenceLoader.load(standardInput: input, for: network)
        } catch let error as FormatError where error.message.hasPrefix("line ") || error.message.hasPrefix("character ") {
            throw UserError("\(error). " + strictnessAdvice(for: network, command: command))
        }
    }

    /// Why a bad row stops `command` while `explore --input -` skips it, and how to drop such rows.
    static func strictnessAdvice(for network: RecurrentNetwork, command: String) -> String {
        if network.vocabulary != nil {
            return "\(command) --input - keeps every character, so it stops at one it cannot read (explore --input - skips them); remove such characters first"
        }
        let width = network.inputSize
        return "\(command) --input - keeps every row, so it stops at a bad one (explore --input - skips them); drop such rows first, "
            + "e.g. … | awk -F, 'NF==\(width) && tolower($0) !~ /nan|inf/' | gatescope \(command) --input - …"
    }

    /// A ConvLSTM's frames from standard input: CSV, one frame per row.
    static func frames() throws -> Matrix {
        try CSVSequence(bytes: try bytes(command: "record"), source: "standard input").matrix
    }

    /// Standard input to its end; refused when it is a terminal (nothing would end it).
    private static func bytes(command: String) throws -> [UInt8] {
        guard isatty(STDIN_FILENO) == 0 else {
            throw UserError("--input - reads the whole input from standard input, which is a terminal; pipe it in (… | gatescope \(command) --input - …) or give --input FILE")
        }
        return try FileBytes.readStandardInput(limit: limit)
    }
}
