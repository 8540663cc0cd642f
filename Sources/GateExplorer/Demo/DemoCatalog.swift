import GateCanvas
import Foundation

/// The demos shipped in demos/: found through `$GATESCOPE_DEMOS`, then by walking up from the
/// executable's directory, then from the current directory, to a `demos/catalog.tsv`.
///
/// The catalog is tab-separated, one demo per line: name, title, model path, input path, story
/// (paths relative to the demos directory; `#` starts a comment; a first line starting with `name`
/// is a header).
public struct DemoCatalog: Sendable, Equatable {
    /// The directory holding catalog.tsv.
    public var directory: String
    /// The demos, in catalog order.
    public var entries: [DemoCatalogEntry]

    /// Demo names preferred for the bare `gatescope`, best first.
    public static let preferredNames = ["brackets", "brackets-lstm", "dyck"]

    /// A catalog from its parts.
    public init(directory: String, entries: [DemoCatalogEntry]) {
        self.directory = directory
        self.entries = entries
    }

    /// Parses catalog text; paths are resolved against `directory`.
    public init(parsing text: String, directory: String) {
        self.directory = directory
        var entries: [DemoCatalogEntry] = []
        for (index, rawLine) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if index == 0 && fields.first?.lowercased() == "name" { continue }
            guard fields.count >= 3, !fields[0].isEmpty, !fields[2].isEmpty else { continue }
            func resolve(_ path: String) -> String {
                path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
            }
            let input = fields.count > 3 && !fields[3].isEmpty && fields[3] != "-" ? resolve(fields[3]) : nil
            entries.append(DemoCatalogEntry(name: fields[0], title: fields[1], modelPath: resolve(fields[2]),
                                            inputPath: input, story: fields.count > 4 ? fields[4] : ""))
        }
        self.entries = entries
    }

    /// The entry called `name` (case-insensitive).
    public func entry(named name: String) -> DemoCatalogEntry? {
        entries.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The demo to open when nothing is asked for.
    public var preferred: DemoCatalogEntry? {
        for name in Self.preferredNames { if let entry = entry(named: name) { return entry } }
        return entries.first
    }

    /// Loads the catalog from the first demos directory found, or nil.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executablePath: String? = nil,
                              currentDirectory: String = FileManager.default.currentDirectoryPath) -> DemoCatalog? {
        for directory in candidateDirectories(environment: environment, executablePath: executablePath,
                                              currentDirectory: currentDirectory) {
            let file = (directory as NSString).appendingPathComponent("catalog.tsv")
            if let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) {
                return DemoCatalog(parsing: text, directory: directory)
            }
        }
        return nil
    }

    /// Where demos/ may be, in the order they are tried.
    public static func candidateDirectories(environment: [String: String], executablePath: String?,
                                            currentDirectory: String) -> [String] {
        var result: [String] = []
        if let path = environment["GATESCOPE_DEMOS"], !path.isEmpty { result.append(path) }
        let executable = executablePath ?? Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        let resolved = (executable as NSString).resolvingSymlinksInPath
        for start in [(resolved as NSString).deletingLastPathComponent, currentDirectory] where !start.isEmpty {
            var directory = start
            for _ in 0..<8 {
                result.append((directory as NSString).appendingPathComponent("demos"))
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory || parent.isEmpty { break }
                directory = parent
            }
        }
        return result
    }
}
