// libFuzzer target: the restricted unpickler and torch archives. The input is tried both as a bare
// pickle (Unpickler + TorchTensorSearch, persistent ids made into storages) and as a whole torch.save /
// TorchScript zip (TorchArchive, then ModelImporter on the tensors). Everything must return or throw
// FormatError; an accepted archive's tensors must hold exactly shape × dtype bytes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTorch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var search = TorchTensorSearch()
    _ = try? Unpickler.load(bytes, source: "fuzz.pkl", persistentLoad: TorchArchive.storageLoader(directory: "data")) { root in
        search.search(root)
    }
    for found in search.found {
        precondition(!found.name.isEmpty, "empty tensor name")
    }
    guard let archive = try? TorchArchive(bytes: bytes, source: "fuzz.pt") else { return 0 }
    for tensor in archive.tensors {
        precondition(tensor.bytes.count == tensor.elementCount * tensor.dtype.byteCount, "tensor size")
    }
    if let file = try? archive.safeTensors(source: "fuzz.pt") {
        _ = try? ModelImporter.importModel(from: file, source: "fuzz.pt")
    }
    return 0
}
