/// A place the demos directory may be, and why it is tried.
public struct DemoLocation: Sendable, Equatable {
    /// Why a directory is a candidate, in lookup order.
    public enum Origin: String, Sendable, Equatable {
        /// `PREFIX/share/gatescope/demos` for a program installed as `PREFIX/bin/gatescope`.
        case installed = "installed beside the program"
        /// `$GATESCOPE_DEMOS`.
        case environment = "$GATESCOPE_DEMOS"
        /// `./demos` in the current directory.
        case currentDirectory = "current directory"
        /// `demos/` in the program's directory or a directory above it (a checkout running `.build/…/gatescope`).
        case besideProgram = "beside or above the program, as in a checkout"
    }

    /// The directory that should hold catalog.tsv.
    public var directory: String
    /// Why it is tried.
    public var origin: Origin

    /// A candidate directory.
    public init(directory: String, origin: Origin) {
        self.directory = directory
        self.origin = origin
    }
}
