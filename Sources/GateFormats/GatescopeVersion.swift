/// The gatescope version: printed by `gatescope --version` and written into every trace's metadata.
public enum GatescopeVersion {
    /// The version string (semantic versioning); the only place it is spelled out.
    public static let current = "0.1.0"
    /// The trace metadata key holding the version of gatescope that wrote the file.
    public static let metadataKey = "gatescope_version"
}
