import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the demos lookup reads from the outside world, so the lookup order can be tested with a fake.
public protocol DemoLookupWorld {
    /// The process environment.
    var environment: [String: String] { get }
    /// The running program's own file, symbolic links resolved (`/proc/self/exe` on Linux), or nil.
    var executablePath: String? { get }
    /// The current directory.
    var currentDirectory: String { get }
    /// Whether a regular file exists at `path`.
    func fileExists(_ path: String) -> Bool
}

/// The real process: its environment, `/proc/self/exe`, its current directory and the file system.
public struct SystemDemoLookupWorld: DemoLookupWorld {
    /// The real process.
    public init() {}

    /// `ProcessInfo`'s environment.
    public var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `/proc/self/exe` resolved (follows a symlinked `bin/gatescope` to the real prefix), else the
    /// bundle's executable path with symbolic links resolved.
    public var executablePath: String? {
        if let target = Self.readLink("/proc/self/exe") { return target }
        guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first, path.hasPrefix("/") else { return nil }
        return (path as NSString).resolvingSymlinksInPath
    }

    /// The current directory.
    public var currentDirectory: String { FileManager.default.currentDirectoryPath }

    /// Whether a file (not a directory) exists at `path`.
    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The target of the symbolic link at `path`, or nil.
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
