/// Finds the demos directory (the one holding catalog.tsv and lessons/): first the share directory of
/// an installed program (`bin/../share/gatescope/demos`, from the program's own resolved path, so a
/// moved prefix keeps working), then `$GATESCOPE_DEMOS`, then `./demos`, then `demos/` beside the
/// program or up to eight directories above it (a checkout running `.build/debug/gatescope`).
public struct DemoLookup {
    /// Where the program, environment and files come from.
    public var world: any DemoLookupWorld

    /// A lookup in `world` (the real process by default).
    public init(world: any DemoLookupWorld = SystemDemoLookupWorld()) {
        self.world = world
    }

    /// Every candidate, in the order tried (duplicates removed).
    public var candidates: [DemoLocation] {
        var result: [DemoLocation] = []
        func add(_ directory: String, _ origin: DemoLocation.Origin) {
            let clean = Self.normalized(directory)
            if !clean.isEmpty, !result.contains(where: { $0.directory == clean }) {
                result.append(DemoLocation(directory: clean, origin: origin))
            }
        }
        let programDirectory = world.executablePath.map { Self.parent(of: $0) }
        if let programDirectory {
            add(Self.join(Self.parent(of: programDirectory), "share/gatescope/demos"), .installed)
        }
        if let path = world.environment["GATESCOPE_DEMOS"], !path.isEmpty {
            add(path.hasPrefix("/") ? path : Self.join(world.currentDirectory, path), .environment)
        }
        add(Self.join(world.currentDirectory, "demos"), .currentDirectory)
        if var directory = programDirectory {
            for _ in 0..<8 {
                add(Self.join(directory, "demos"), .besideProgram)
                let parent = Self.parent(of: directory)
                if parent == directory { break }
                directory = parent
            }
        }
        return result
    }

    /// The first candidate holding a catalog.tsv, or nil.
    public func find() -> DemoLocation? {
        candidates.first { world.fileExists(Self.join($0.directory, "catalog.tsv")) }
    }

    /// The first candidate holding a catalog.tsv; throws an error listing every place looked in.
    public func require() throws -> DemoLocation {
        if let found = find() { return found }
        throw DemoLookupFailure(looked: candidates)
    }

    /// `a/b` without doubled slashes.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory part of `path` (`/` for a top-level file).
    static func parent(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `path` with `.` and `..` components folded (`/opt/x/bin/../share` → `/opt/x/share`).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", path.hasPrefix("/") { continue }
            parts.append(part)
        }
        let body = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + body : body
    }
}
