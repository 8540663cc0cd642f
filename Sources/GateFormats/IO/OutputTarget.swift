#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output path really leads: a regular file (new or existing) that is replaced atomically,
/// or a device or FIFO that is written into directly. Symbolic links are followed, so writing to a
/// link replaces its target and keeps the link; directories, sockets and block devices are refused.
struct OutputTarget {
    /// The path to write: the given one, or the final target of a symbolic link.
    let path: String
    /// Whether the target is a character device or FIFO (written in order, never renamed over).
    let isStream: Bool

    /// The path that means standard output.
    static let standardOutput = "-"

    /// Resolves `path` (following at most 40 links); `-` is standard output, written in order.
    init(path: String) throws {
        guard !path.isEmpty else { throw FormatError("the output path is empty; give a file path (or - for standard output)") }
        if path == Self.standardOutput {
            self.path = path
            self.isStream = true
            return
        }
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0 else {
                // Nothing there yet: a new regular file (a missing directory fails later, with its reason).
                self.path = current
                self.isStream = false
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                self.path = current
                self.isStream = false
                return
            case S_IFLNK:
                current = try Self.linkTarget(of: current, requested: path)
            case S_IFCHR, S_IFIFO:
                self.path = current
                self.isStream = true
                return
            case S_IFDIR:
                throw FormatError("is a directory; give a file path for the output, e.g. \(path)/out.safetensors", source: path)
            default:
                throw FormatError("is not a regular file, device or FIFO (a socket or block device); give a file path for the output", source: path)
            }
        }
        throw FormatError("has too many levels of symbolic links; give the path of a file", source: path)
    }

    /// The target of the link at `link`, relative to the link's directory when not absolute.
    private static func linkTarget(of link: String, requested: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count > 0 else { throw FileBytes.systemError("cannot read the symbolic link", path: requested) }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        guard let slash = link.lastIndex(of: "/") else { return target }
        return String(link[...slash]) + target
    }

    /// `$TMPDIR` when set, else `/tmp`.
    static func temporaryDirectory() -> String {
        if let value = getenv("TMPDIR"), value.pointee != 0 {
            let text = String(cString: value)
            return text.hasSuffix("/") && text.count > 1 ? String(text.dropLast()) : text
        }
        return "/tmp"
    }
}
