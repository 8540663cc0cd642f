// libFuzzer target: CSVSequence reader. Any input must either parse or throw FormatError; a
// parsed sequence must survive CSVWriter and a second read unchanged.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let sequence = try? CSVSequence(bytes: bytes, source: "fuzz.csv") else { return 0 }
    precondition(sequence.matrix.values.allSatisfy(\.isFinite), "non-finite value accepted")
    let text = CSVWriter.render(sequence.matrix, columnNames: sequence.columnNames)
    guard let reread = try? CSVSequence(text: text) else {
        fatalError("writer output does not parse: \(text.prefix(200))")
    }
    precondition(reread.matrix == sequence.matrix, "values changed in the round trip")
    return 0
}
