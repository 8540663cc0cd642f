import GateCanvas
import Foundation

/// The demos shipped in demos/ (installed as `PREFIX/share/gatescope/demos`), found by ``DemoLookup``.
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

    /// Loads the catalog from the first demos directory ``DemoLookup`` finds, or nil.
    public static func locate(_ lookup: DemoLookup = DemoLookup()) -> DemoCatalog? {
        try? require(lookup)
    }

    /// Loads the catalog from the first demos directory ``DemoLookup`` finds; throws
    /// ``DemoLookupFailure`` (naming every place looked in) when there is none.
    public static func require(_ lookup: DemoLookup = DemoLookup()) throws -> DemoCatalog {
        let location = try lookup.require()
        let file = (location.directory as NSString).appendingPathComponent("catalog.tsv")
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw DemoLookupFailure(looked: [location])
        }
        return DemoCatalog(parsing: text, directory: location.directory)
    }
}
