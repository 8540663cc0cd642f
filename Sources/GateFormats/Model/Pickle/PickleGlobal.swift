/// `module.name` as a pickle's GLOBAL or STACK_GLOBAL names it.
struct PickleGlobal: Equatable, Hashable, CustomStringConvertible {
    /// The module, e.g. `torch._utils`.
    let module: String
    /// The attribute, e.g. `_rebuild_tensor_v2`.
    let name: String

    /// `module.name`, escaped for printing.
    var description: String { ZipArchive.printable(module + "." + name) }
}
