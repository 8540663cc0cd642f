/// Splits CSV bytes into records of fields (RFC 4180 quoting, CRLF/LF/CR line ends).
///
/// Each record remembers the 1-based line on which it starts, for error messages.
struct CSVRecordReader {
    /// Most fields in one record: a runaway line fails at its first row, not after minutes.
    static let maxFields = 1 << 20
    /// Longest field in bytes (numbers and column names are short).
    static let maxFieldBytes = 1 << 16

    private let bytes: [UInt8]
    private let separator: UInt8
    private var index: Int
    private var line = 1

    /// Creates a reader over `bytes` (BOM already removed) splitting on `separator`.
    init(bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
        self.index = 0
    }

    /// True when all input has been consumed.
    var atEnd: Bool { index >= bytes.count }

    /// Reads the next record, or nil at end of input. Errors are `(line, reason)` messages.
    mutating func next() throws(CSVSyntaxError) -> Record? {
        guard index < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var quoted = false
        var field: [UInt8] = []
        while true {
            // Start of a field.
            if index < bytes.count, bytes[index] == 0x22 {
                quoted = true
                index += 1
                let quoteLine = line
                while true {
                    guard index < bytes.count else {
                        throw CSVSyntaxError(line: quoteLine, reason: "a quoted field starting here never closes; add the closing \"")
                    }
                    let byte = bytes[index]
                    index += 1
                    if byte == 0x22 {
                        if index < bytes.count, bytes[index] == 0x22 {
                            field.append(0x22)
                            index += 1
                        } else {
                            break
                        }
                    } else {
                        if byte == 0x0A || (byte == 0x0D && (index >= bytes.count || bytes[index] != 0x0A)) { line += 1 }
                        field.append(byte)
                        if field.count > Self.maxFieldBytes { throw Self.fieldTooLong(line: quoteLine) }
                    }
                }
                // After a closing quote: separator, line end, or end of input.
                if index < bytes.count, bytes[index] != separator, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    throw CSVSyntaxError(line: line, reason: "text after a closing quote; quote the whole field or escape quotes as \"\"")
                }
            } else {
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == separator || byte == 0x0A || byte == 0x0D { break }
                    field.append(byte)
                    index += 1
                    if field.count > Self.maxFieldBytes { throw Self.fieldTooLong(line: line) }
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if fields.count > Self.maxFields {
                throw CSVSyntaxError(line: startLine, reason: "has more than \(Self.maxFields) columns; a sequence CSV has one row per timestep and one column per feature (is the file one enormous line?)")
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            index += 1
            if byte == separator { continue }
            // Line end: CRLF, LF or CR.
            if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
            line += 1
            break
        }
        return Record(line: startLine, fields: fields, quoted: quoted)
    }

    /// The error for a field longer than ``maxFieldBytes``.
    private static func fieldTooLong(line: Int) -> CSVSyntaxError {
        CSVSyntaxError(line: line, reason: "has a field longer than \(maxFieldBytes) bytes; a sequence CSV holds numbers (is this the right file?)")
    }
}
