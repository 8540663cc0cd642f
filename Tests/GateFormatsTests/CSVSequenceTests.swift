#if canImport(GateCore)
import GateCore
#endif
import Testing
@testable import GateFormats

/// The CSV sequence reader and writer.
@Suite struct CSVSequenceTests {
    private func parse(_ text: String) throws -> CSVSequence {
        try CSVSequence(text: text, source: "s.csv")
    }

    private func expectRejected(_ text: String, message expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try parse(text)
            Issue.record("accepted; expected \(expected)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".hasPrefix("s.csv: " + expected), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func readsHeaderAndNumbers() throws {
        let sequence = try parse("a,b,c\n1,2,3\n-4.5, 5e-3 ,6\n")
        #expect(sequence.columnNames == ["a", "b", "c"])
        #expect(sequence.matrix == Matrix(rows: 2, columns: 3, values: [1, 2, 3, -4.5, 0.005, 6]))
        let headerless = try parse("1,2\n3,4")
        #expect(headerless.columnNames == nil)
        #expect(headerless.matrix == Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]))
        let single = try parse("x\n0.5\n1.5\n")
        #expect(single.columnNames == ["x"] && single.matrix == Matrix(rows: 2, columns: 1, values: [0.5, 1.5]))
    }

    @Test func acceptsSeparatorsQuotesLineEndsAndBOM() throws {
        let excel = try CSVSequence(path: FormatFixtures.path("excel_semicolon_bom_crlf.csv"))
        #expect(excel.columnNames == ["time", "x;1", "y"])
        #expect(excel.matrix == Matrix(rows: 2, columns: 3, values: [0, 1.5, -2, 1, 2.5, -3]))
        let tabs = try parse("t\tv\r\n0\t1\r\n1\t2\r\n\r\n\r\n")
        #expect(tabs.columnNames == ["t", "v"] && tabs.matrix.values == [0, 1, 1, 2])
        let quoted = try parse("\"a\"\"b\",\"multi\nline\"\n\"1\",2\n")
        #expect(quoted.columnNames == ["a\"b", "multi\nline"] && quoted.matrix.values == [1, 2])
        let numpy = try CSVSequence(path: FormatFixtures.path("savetxt_header.csv"))
        #expect(numpy.columnNames == ["a", "b", "c", "d"])
        #expect(numpy.matrix.values == (0..<12).map { (Float($0) - 5) / 4 })
    }

    @Test func reportsErrorsWithLineAndColumn() {
        expectRejected("", message: "is empty")
        expectRejected("\u{FEFF}\n\n", message: "is empty")
        expectRejected("a,b\n", message: "has a header row but no data rows")
        expectRejected("a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3\n", message: "line 7 has 3 columns, the header has 4")
        expectRejected("1,2\n3\n", message: "line 2 has 1 column, line 1 has 2")
        expectRejected("a,b\n1,2\n3,abc\n", message: "line 3, column 2: 'abc' is not a number")
        expectRejected("a,b\n1,2\n3,4\n5,6\nnan,1\n", message: "line 5, column 1: NaN; gatescope needs finite numbers — fill or drop missing values")
        expectRejected("1,2\n3,-inf\n", message: "line 2, column 2: -Inf; gatescope needs finite numbers")
        expectRejected("1,2\n3,\n", message: "line 2, column 2: empty field; gatescope needs finite numbers")
        // Found by fuzzing: a blank-but-spaces first row is not a header (its names would be empty).
        expectRejected(" \n0\n", message: "line 1, column 1: empty field")
        expectRejected("1,2\n3,1e39\n", message: "line 2, column 2: 1e39 is outside the range of Float32")
        expectRejected("1,2\n3,-1e999\n", message: "line 2, column 2: -1e999 is outside the range of Float32")
        expectRejected("1,2\n0x10,1\n", message: "line 2, column 1: '0x10' is not a number")
        expectRejected("1,2\n\n3,4\n", message: "line 2 is blank")
        expectRejected("1,5;2,5\n3,0;4,0\n", message: "line 2, column 2: '0;4' is not a number; gatescope reads '.' as the decimal point")
        expectRejected("a,b\n\"1,2\n", message: "line 2: a quoted field starting here never closes")
        expectRejected("a,b\n\"1\"x,2\n", message: "line 2: text after a closing quote")
    }

    @Test func writerRoundTrips() throws {
        let matrix = Matrix(rows: 3, columns: 2, values: [0.1, -1e-5, 3.4028235e38, Float(bitPattern: 1), 0, -0.0])
        let text = CSVWriter.render(matrix, columnNames: ["plain", "needs, \"quotes\""])
        #expect(text.hasPrefix("plain,\"needs, \"\"quotes\"\"\"\n"))
        let back = try parse(text)
        #expect(back.columnNames == ["plain", "needs, \"quotes\""])
        #expect(back.matrix.values.map(\.bitPattern) == matrix.values.map(\.bitPattern))
        let path = FormatFixtures.temporaryDirectory() + "/out.csv"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try CSVWriter.write(matrix, to: path)
        #expect(try CSVSequence(path: path).matrix == matrix)
        #expect(throws: FormatError.self) { try CSVWriter.write(matrix, columnNames: ["one"], to: path) }
        // Found by fuzzing: a quote followed by a combining mark is one Character but must still be doubled.
        let combining = "4\"\u{7B0}x"
        let tricky = CSVWriter.render(Matrix(rows: 1, columns: 2, values: [1, 2]), columnNames: [combining, " a, b "])
        #expect(try parse(tricky).columnNames == [combining, "a, b"])
    }
}
