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

    /// The sequence at `path` for `network`, or standard input's when `path` is `-`.
    static func load(path: String, for network: RecurrentNetwork, command: String) throws -> LoadedSequence {
        guard path == "-" else { return try SequenceLoader.load(path: path, for: network) }
        return try SequenceLoader.load(standardInput: try bytes(command: command), for: network)
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
