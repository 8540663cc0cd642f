// libFuzzer target: SafeTensors reader. Any input must either parse or throw FormatError;
// a parsed file must convert every tensor and survive a write/read round trip unchanged.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? SafeTensors(bytes: bytes, source: "fuzz.safetensors") else { return 0 }
    var writer = SafeTensorsWriter(metadata: file.metadata)
    for name in file.names {
        guard let tensor = try? file.tensor(named: name) else { fatalError("listed tensor \(name) unreadable") }
        guard let floats = try? tensor.floats(), floats.count == tensor.elementCount else {
            fatalError("tensor \(name) does not convert")
        }
        do { try writer.add(tensor) } catch { fatalError("re-adding \(name): \(error)") }
    }
    let rewritten = writer.serialize()
    guard let reread = try? SafeTensors(bytes: rewritten) else { fatalError("writer output does not parse") }
    guard reread.metadata == file.metadata, Set(reread.names) == Set(file.names) else {
        fatalError("round trip changed names or metadata")
    }
    for name in file.names {
        guard (try? reread.tensor(named: name)) == (try? file.tensor(named: name)) else {
            fatalError("round trip changed tensor \(name)")
        }
    }
    return 0
}
