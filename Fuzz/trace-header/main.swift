// libFuzzer target: the strict JSON parser and safetensors header validation, fed header text
// directly (the fuzzer need not discover the 8-byte length prefix). Data bytes of the right
// length are synthesised so validation reaches the offset and size checks.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let json = Array(UnsafeBufferPointer(start: data, count: size))
    // The JSON parser alone must never trap, whatever the input.
    _ = StrictJSONParser.parse(json)
    // Use the sum of declared end offsets as the data length guess: try a few lengths.
    for dataLength in [0, 4, 8, 16, 64] {
        let fileLength = 8 + json.count + dataLength
        guard let header = try? SafeTensorsHeader.parse(json: json, fileLength: fileLength, source: "fuzz") else { continue }
        // Validated headers must be internally consistent.
        var end = 0
        for entry in header.entries {
            precondition(entry.dataRange.lowerBound == end, "gap or overlap accepted")
            precondition(entry.dataRange.count == entry.elementCount * entry.dtype.byteCount, "size mismatch accepted")
            end = entry.dataRange.upperBound
        }
        precondition(8 + json.count + end == fileLength, "length mismatch accepted")
        // Re-serialising the header must give a header that validates to the same entries.
        let rewritten = SafeTensorsWriter.headerBytes(
            entries: header.entries.map { ($0.name, $0.dtype, $0.shape, $0.dataRange.count) },
            metadata: header.metadata)
        guard let again = try? SafeTensorsHeader.parse(json: rewritten, fileLength: 8 + rewritten.count + end, source: nil) else {
            fatalError("rewritten header does not validate")
        }
        precondition(again.metadata == header.metadata, "metadata changed")
        precondition(again.entries.map(\.name) == header.entries.map(\.name) || Set(again.entries.map(\.name)) == Set(header.entries.map(\.name)), "names changed")
    }
    return 0
}
