import CHDF5
import Foundation

/// The float datasets and root string attributes of an HDF5 file, read through the HDF5 C library.
///
/// This is the only code that calls HDF5. The file is opened from memory (HDF5's core driver with a
/// file image), read-only; soft and external links are never followed, so a file cannot make HDF5 open
/// another file; HDF5's own error printing is switched off and every failure becomes one
/// ``FormatError``. Calls are serialised by a lock, whether or not the library was built thread-safe
/// (Debian's is; others may not be).
struct HDF5File: Sendable {
    /// One float dataset, widened (or narrowed) to 32-bit floats by HDF5.
    struct Dataset: Sendable, Equatable {
        /// The path from the root without a leading slash (`layers/lstm/cell/vars/0`).
        var name: String
        /// The dimensions, outermost first (C order).
        var shape: [Int]
        /// The values in C order.
        var values: [Float]
    }

    /// Every float dataset, in HDF5's name order within each group, depth first.
    var datasets: [Dataset]
    /// The root group's fixed-length string attributes among those asked for (`model_config`).
    var attributes: [String: String]
    /// The objects of the file's global heap, where variable-length strings live (h5py writes string
    /// attributes such as Keras's `model_config` that way). HDF5 1.10 trusts heap references and
    /// crashes or hangs on damaged ones, so variable-length strings are never read through it. Empty
    /// unless one of the attributes asked for is a variable-length string.
    var heapObjects: [[UInt8]]

    /// HDF5's signature, looked for at offset 0 only (HDF5 allows a user block before it; Keras writes none).
    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// True when `bytes` start with the HDF5 signature.
    static func isHDF5(_ bytes: [UInt8]) -> Bool { bytes.starts(with: signature) }

    /// Deepest group nesting read; deeper files are refused (hard links can make cycles).
    static let maximumDepth = 32
    /// Most objects (groups and datasets) visited before the file is refused.
    static let maximumObjects = 100_000
    /// Most dimensions of a dataset.
    static let maximumRank = 8

    /// Serialises every HDF5 call.
    private static let lock = NSLock()
    /// Done once, before any other HDF5 call: HDF5 is not shut down by its own `atexit` handler, which in
    /// a many-threaded process (the test runner) printed "HDF5: infinite loop closing library" at exit.
    private static let started: Void = { _ = H5dont_atexit() }()

    /// Reads the HDF5 file image `bytes`; `source` names it in errors, `attributeNames` are the root
    /// string attributes wanted, and the root's groups named in `skipping` are not read at all.
    init(bytes: [UInt8], source: String, attributeNames: [String] = [], skipping: Set<String> = []) throws {
        guard HDF5File.isHDF5(bytes) else {
            throw FormatError("is not an HDF5 file (no HDF5 signature at its start); save Keras weights with model.save_weights(\"m.weights.h5\")", source: source)
        }
        HDF5File.lock.lock()
        defer { HDF5File.lock.unlock() }
        HDF5File.started
        H5Eset_auto2(gs_h5e_default(), nil, nil)
        var reader = Reader(source: source, fileSize: bytes.count, skipped: skipping)
        let file = try bytes.withUnsafeBytes { try reader.open(image: $0) }
        defer { H5Fclose(file) }
        try reader.walk(group: file, path: "", depth: 0)
        datasets = reader.datasets
        attributes = [:]
        var variableLength = false
        for name in attributeNames {
            switch try reader.stringAttribute(name, of: file) {
            case .fixed(let value): attributes[name] = value
            case .variableLength: variableLength = true
            case nil: continue
            }
        }
        // The heap is only searched when a wanted attribute lives there.
        heapObjects = variableLength ? HDF5GlobalHeap.objects(in: bytes) : []
    }

    /// The state of one read: limits, the root groups skipped and what has been found.
    private struct Reader {
        /// The file name for errors.
        let source: String
        /// The image's size in bytes.
        let fileSize: Int
        /// The float datasets read so far.
        var datasets: [Dataset] = []
        /// Objects visited so far.
        var objects = 0
        /// Root groups not read.
        let skipped: Set<String>

        /// A reader of a `fileSize`-byte image that leaves the root groups `skipped` alone.
        init(source: String, fileSize: Int, skipped: Set<String>) {
            self.source = source
            self.fileSize = fileSize
            self.skipped = skipped
        }

        /// Most float values all datasets together may hold: Keras stores them uncompressed, at least two
        /// bytes each (F16), so they cannot outnumber the file's bytes; claims beyond that (fill values
        /// without storage, compression) would only cost memory.
        var maximumValues: Int { max(fileSize, 1 << 16) }
        /// Values read so far.
        var valuesRead = 0

        /// An error saying `what` failed, with HDF5's innermost reason.
        func failure(_ what: String) -> FormatError {
            let reason = HDF5File.innermostError()
            let detail = reason.map { " (HDF5: \($0))" } ?? ""
            return FormatError("\(what)\(detail); the file is truncated or corrupt: save it again with Keras", source: source)
        }

        /// Opens the image read-only with the core (in-memory) driver.
        mutating func open(image: UnsafeRawBufferPointer) throws -> hid_t {
            let access = H5Pcreate(gs_h5p_file_access())
            guard access >= 0 else { throw failure("cannot set up HDF5 file access") }
            defer { H5Pclose(access) }
            guard H5Pset_fapl_core(access, 1 << 16, false) >= 0,
                  H5Pset_file_image(access, UnsafeMutableRawPointer(mutating: image.baseAddress), image.count) >= 0 else {
                throw failure("cannot hand the file to HDF5")
            }
            let file = H5Fopen("gatescope-image.h5", gs_h5f_acc_rdonly(), access)
            guard file >= 0 else { throw failure("is not a readable HDF5 file") }
            return file
        }

        /// Visits the hard links of `group` by name, reading float datasets and descending into groups.
        mutating func walk(group: hid_t, path: String, depth: Int) throws {
            guard depth < HDF5File.maximumDepth else {
                throw FormatError("nests groups more than \(HDF5File.maximumDepth) deep at \(TextSequence.quote("/" + path)); this is not a Keras weights file", source: source)
            }
            var info = H5G_info_t()
            guard H5Gget_info(group, &info) >= 0 else { throw failure("cannot list group \(TextSequence.quote("/" + path))") }
            for index in 0..<info.nlinks {
                let size = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, gs_h5p_default())
                guard size >= 0, size < 4096 else { throw failure("cannot read a link name in \(TextSequence.quote("/" + path))") }
                var buffer = [CChar](repeating: 0, count: Int(size) + 1)
                guard H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, gs_h5p_default()) >= 0 else {
                    throw failure("cannot read a link name in \(TextSequence.quote("/" + path))")
                }
                let name = String(decoding: buffer.prefix(Int(size)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let full = path.isEmpty ? name : path + "/" + name
                if path.isEmpty, skipped.contains(name) { continue }
                // Only hard links: soft and external links may point anywhere, even to other files.
                guard gs_link_type(group, buffer, gs_h5p_default()) == Int32(H5L_TYPE_HARD.rawValue) else { continue }
                objects += 1
                guard objects <= HDF5File.maximumObjects else {
                    throw FormatError("holds more than \(HDF5File.maximumObjects) HDF5 objects; this is not a Keras weights file", source: source)
                }
                let object = H5Oopen(group, buffer, gs_h5p_default())
                guard object >= 0 else { throw failure("cannot open \(TextSequence.quote("/" + full))") }
                defer { H5Oclose(object) }
                switch H5Iget_type(object) {
                case H5I_GROUP: try walk(group: object, path: full, depth: depth + 1)
                case H5I_DATASET: if let dataset = try readFloats(object, name: full) { datasets.append(dataset) }
                default: continue
                }
            }
        }

        /// The dataset's values as floats, or nil when it does not hold floating-point numbers.
        mutating func readFloats(_ dataset: hid_t, name: String) throws -> Dataset? {
            let type = H5Dget_type(dataset)
            guard type >= 0 else { throw failure("cannot read the type of \(TextSequence.quote("/" + name))") }
            let typeClass = H5Tget_class(type)
            H5Tclose(type)
            guard typeClass == H5T_FLOAT else { return nil }
            let space = H5Dget_space(dataset)
            guard space >= 0 else { throw failure("cannot read the shape of \(TextSequence.quote("/" + name))") }
            defer { H5Sclose(space) }
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 0, rank <= HDF5File.maximumRank else {
                throw FormatError("dataset \(TextSequence.quote("/" + name)) has \(rank) dimensions; weights have at most \(HDF5File.maximumRank)", source: source)
            }
            var dims = [hsize_t](repeating: 0, count: Int(rank))
            if rank > 0 { guard H5Sget_simple_extent_dims(space, &dims, nil) == rank else { throw failure("cannot read the shape of \(TextSequence.quote("/" + name))") } }
            var count = 1
            var shape: [Int] = []
            for dim in dims {
                guard dim <= UInt64(Int.max) else { throw tooLarge(name) }
                let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
                guard !overflow, product <= maximumValues - valuesRead else { throw tooLarge(name) }
                count = product
                shape.append(Int(dim))
            }
            valuesRead += count
            var values = [Float](repeating: 0, count: count)
            if count > 0 {
                let status = values.withUnsafeMutableBytes {
                    H5Dread(dataset, gs_h5t_native_float(), gs_h5s_all(), gs_h5s_all(), gs_h5p_default(), $0.baseAddress)
                }
                guard status >= 0 else { throw failure("cannot read dataset \(TextSequence.quote("/" + name))") }
            }
            return Dataset(name: name, shape: shape, values: values)
        }

        /// The error for a dataset claiming more values than the file can hold.
        func tooLarge(_ name: String) -> FormatError {
            FormatError("dataset \(TextSequence.quote("/" + name)) claims more values than the file (\(fileSize) bytes) holds; the file is corrupt or compressed: save it again with Keras", source: source)
        }

        /// A string attribute as HDF5 stores it.
        enum StringAttribute {
            /// A fixed-length string, read.
            case fixed(String)
            /// A variable-length string, left in the global heap.
            case variableLength
        }

        /// The root string attribute `name`, or nil when absent or of another type.
        func stringAttribute(_ name: String, of file: hid_t) throws -> StringAttribute? {
            guard H5Aexists(file, name) > 0 else { return nil }
            let attribute = H5Aopen(file, name, gs_h5p_default())
            guard attribute >= 0 else { throw failure("cannot open attribute '\(name)'") }
            defer { H5Aclose(attribute) }
            let type = H5Aget_type(attribute)
            guard type >= 0 else { throw failure("cannot read the type of attribute '\(name)'") }
            defer { H5Tclose(type) }
            guard H5Tget_class(type) == H5T_STRING else { return nil }
            let space = H5Aget_space(attribute)
            guard space >= 0 else { throw failure("cannot read attribute '\(name)'") }
            defer { H5Sclose(space) }
            guard H5Sget_simple_extent_npoints(space) == 1 else { return nil }
            // Variable-length strings live in the global heap: see `heapObjects`.
            guard H5Tis_variable_str(type) == 0 else { return .variableLength }
            let size = H5Tget_size(type)
            guard size > 0, size <= min(fileSize, 64 << 20) else { return nil }
            var buffer = [UInt8](repeating: 0, count: size)
            guard H5Aread(attribute, type, &buffer) >= 0 else { throw failure("cannot read attribute '\(name)'") }
            let end = buffer.firstIndex(of: 0) ?? buffer.count
            return .fixed(String(decoding: buffer[..<end], as: UTF8.self))
        }
    }

    /// The description of the innermost error on HDF5's error stack, if any.
    private static func innermostError() -> String? {
        final class Box { var text: String? }
        let box = Box()
        withExtendedLifetime(box) {
            _ = H5Ewalk2(gs_h5e_default(), H5E_WALK_UPWARD, { _, entry, context in
                guard let entry, let context, let description = entry.pointee.desc else { return 0 }
                let box = Unmanaged<Box>.fromOpaque(context).takeUnretainedValue()
                if box.text == nil { box.text = String(cString: description) }
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
        }
        H5Eclear2(gs_h5e_default())
        return box.text.map { TextSequence.quote($0) }
    }
}
