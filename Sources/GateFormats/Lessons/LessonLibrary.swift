import Foundation

/// The lessons in a directory: every `NAME.lesson` file, sorted by name.
public struct LessonLibrary: Sendable {
    /// The directory.
    public var directory: String

    /// A library over `directory`.
    public init(directory: String) { self.directory = directory }

    /// Paths of the lesson files, sorted by name.
    public var paths: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".lesson") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The path of the lesson called `name` (file name with or without `.lesson`, or a unique prefix
    /// such as "01" or "forget"), or nil.
    public func path(named name: String) -> String? {
        let all = paths
        let bare = name.hasSuffix(".lesson") ? String(name.dropLast(7)) : name
        let names = all.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        if let exact = names.firstIndex(of: bare) { return all[exact] }
        let matches = names.indices.filter { names[$0].hasPrefix(bare) || names[$0].contains("-" + bare) }
        return matches.count == 1 ? all[matches[0]] : nil
    }
}
