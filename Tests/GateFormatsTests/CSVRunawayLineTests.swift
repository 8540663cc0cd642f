#if canImport(GateCore)
import GateCore
#endif
import Testing
@testable import GateFormats

/// A CSV that is one enormous line fails at its first row, while it is being read, instead of
/// after every field of it has been built.
struct CSVRunawayLineTests {
    @Test func tooManyColumnsFailAtTheFirstRow() {
        let text = String(repeating: "0,", count: CSVRecordReader.maxFields + 10) + "0\n1,2\n"
        #expect {
            _ = try CSVSequence(text: text, source: "wide.csv")
        } throws: { error in
            "\(error)" == "wide.csv: line 1: has more than 1048576 columns; a sequence CSV has one row per timestep and one column per feature (is the file one enormous line?)"
        }
    }

    @Test func anEnormousFieldFailsAtItsLine() {
        let text = "a,b\n1,2\n3," + String(repeating: "9", count: 70_000) + "\n"
        #expect {
            _ = try CSVSequence(text: text, source: "long.csv")
        } throws: { error in
            "\(error)".hasPrefix("long.csv: line 3: has a field longer than 65536 bytes")
        }
    }

    @Test func anEnormousQuotedFieldFailsWhereItStarts() {
        let text = "a,b\n1,\"" + String(repeating: "x\n", count: 40_000) + "\"\n"
        #expect {
            _ = try CSVSequence(text: text, source: "quoted.csv")
        } throws: { error in
            "\(error)".hasPrefix("quoted.csv: line 2: has a field longer than 65536 bytes")
        }
    }
}
