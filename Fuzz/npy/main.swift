// libFuzzer target: NpyArray reader. Any input must either parse or throw FormatError; a parsed
// array must survive a write/read round trip bit for bit and map to a matrix or throw.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let array = try? NpyArray(bytes: bytes, source: "fuzz.npy") else { return 0 }
    _ = try? array.matrix()
    guard let written = try? NpyArray(shape: array.shape, values: array.values) else { fatalError("rebuilding failed") }
    guard let reread = try? NpyArray(bytes: written.serialize()) else { fatalError("writer output does not parse") }
    precondition(reread.shape == array.shape, "shape changed")
    precondition(reread.values.map(\.bitPattern) == array.values.map(\.bitPattern), "values changed")
    return 0
}
