// libFuzzer target: HDF5File (through the HDF5 C library) and HDF5GlobalHeap. Any input must read or
// throw FormatError; every dataset read holds as many values as its shape says; heap objects lie inside
// the input.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHDF5(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let objects = HDF5GlobalHeap.objects(in: bytes)
    precondition(objects.reduce(0) { $0 + $1.count } <= bytes.count, "heap objects larger than the file")
    guard let file = try? HDF5File(bytes: bytes, source: "fuzz.h5", attributeNames: ["model_config"],
                                   skipping: ["optimizer"]) else { return 0 }
    for dataset in file.datasets {
        precondition(dataset.values.count == dataset.shape.reduce(1, *), "values differ from the shape")
    }
    return 0
}
