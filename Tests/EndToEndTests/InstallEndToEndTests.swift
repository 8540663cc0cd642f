import Foundation
import Testing

/// scripts/install.sh tried as a new user would: install under a prefix with a space in it, move the
/// whole prefix, then run the program from `/` with no `GATESCOPE_DEMOS`; reinstall; uninstall.
/// The installer is given the already-built debug binary (`--binary`) so the suite does not build
/// the release a second time.
@Suite(.serialized, .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                             "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct InstallEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path
    }()

    /// What a finished process left: status, standard output, standard error.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` in `directory` without `GATESCOPE_DEMOS`, with a 120 s limit.
    static func run(_ arguments: [String], in directory: String = "/") throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("install-run-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        func makeProcess() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            var environment = ProcessInfo.processInfo.environment
            environment["GATESCOPE_DEMOS"] = nil
            environment["MANPAGER"] = "cat"
            environment["MANWIDTH"] = "100"
            process.environment = environment
            return process
        }
        // A program copied a moment ago may still be open for writing in a child another test forked
        // meanwhile (it closes at that child's exec): "Text file busy" passes within moments; retry.
        var attempts = 0
        var process = try makeProcess()
        while true {
            do {
                try process.run()
                break
            } catch let error as NSError where attempts < 100 && Self.isTextFileBusy(error) {
                attempts += 1
                Thread.sleep(forTimeInterval: 0.05)
                process = try makeProcess()
            }
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            Issue.record("\(arguments.joined(separator: " ")) hung")
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Whether `error` (or the POSIX error under it) is ETXTBSY.
    static func isTextFileBusy(_ error: NSError) -> Bool {
        if error.domain == NSPOSIXErrorDomain && error.code == Int(ETXTBSY) { return true }
        guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError else { return false }
        return isTextFileBusy(underlying)
    }

    /// Every file and directory under `directory`, relative, sorted.
    static func tree(_ directory: String) -> [String] {
        (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
    }

    /// The `__metadata__` value for `key` in a safetensors file, read straight from its JSON header.
    static func metadataValue(_ key: String, inSafetensors path: String) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = data.prefix(8).enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any]
        return (header?["__metadata__"] as? [String: String])?[key]
    }

    @Test func installMoveRunReinstallUninstall() throws {
        let binary = try #require(Self.binary)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("install e2e \(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let prefix = base + "/first place", moved = base + "/moved here/prefix"
        let script = Self.root + "/scripts/install.sh"

        let installed = try Self.run([script, "--prefix", prefix, "--binary", binary])
        #expect(installed.status == 0, "install: \(installed.stderr)")
        let expected = ["bin/gatescope", "share/gatescope/demos/catalog.tsv", "share/gatescope/demos/lessons/01-conveyor-belt.lesson",
                        "share/bash-completion/completions/gatescope", "share/zsh/site-functions/_gatescope",
                        "share/fish/vendor_completions.d/gatescope.fish", "share/man/man1/gatescope.1",
                        "share/gatescope/install-manifest.txt"]
        for file in expected { #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "installed \(file)") }
        let bash = try String(contentsOfFile: prefix + "/share/bash-completion/completions/gatescope", encoding: .utf8)
        #expect(bash.contains("complete") && bash.contains("gatescope") && bash.contains("explore"))
        #expect(try String(contentsOfFile: prefix + "/share/zsh/site-functions/_gatescope", encoding: .utf8).hasPrefix("#compdef gatescope"))
        #expect(try String(contentsOfFile: prefix + "/share/fish/vendor_completions.d/gatescope.fish", encoding: .utf8).contains("complete -c 'gatescope'"))
        let treeBefore = Self.tree(prefix)

        // Move the whole prefix; everything is found from the program's new place, run from /.
        try FileManager.default.createDirectory(atPath: (moved as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: prefix, toPath: moved)
        let program = moved + "/bin/gatescope"
        let version = try Self.run([program, "--version"])
        #expect(version.status == 0)
        let versionText = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(versionText.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "version '\(versionText)'")
        let demos = try Self.run([program, "demos"])
        #expect(demos.status == 0, "demos: \(demos.stderr)")
        #expect(demos.stdout.contains("Demos in \(moved)/share/gatescope/demos") && demos.stdout.contains("adding"))
        let lessons = try Self.run([program, "lesson"])
        #expect(lessons.status == 0, "lesson: \(lessons.stderr)")
        #expect(lessons.stdout.contains("Lessons in \(moved)/share/gatescope/demos/lessons") && lessons.stdout.contains("01-conveyor-belt"))
        let checked = try Self.run([program, "lesson", "--check"])
        #expect(checked.status == 0, "lesson --check: \(checked.stderr)")

        // A recorded trace carries the version --version prints.
        let trace = base + "/adding trace.safetensors"
        let recorded = try Self.run([program, "record", "--demo", "adding", "--out", trace])
        #expect(recorded.status == 0, "record: \(recorded.stderr)")
        #expect(try Self.metadataValue("gatescope_version", inSafetensors: trace) == versionText)

        // The man page is valid roff: man renders it, groff finds nothing to warn about.
        let page = moved + "/share/man/man1/gatescope.1"
        let man = try Self.run(["/bin/sh", "-c", "man -l \"$0\"", page])
        #expect(man.status == 0 && man.stderr.isEmpty, "man -l: \(man.stderr)")
        #expect(man.stdout.contains("GATESCOPE(1)") && man.stdout.contains("gatescope record") && man.stdout.contains("--version"))
        let groff = try Self.run(["/bin/sh", "-c", "groff -man -Tutf8 -ww -z \"$0\"", page])
        #expect(groff.status == 0 && groff.stderr.isEmpty, "groff warnings: \(groff.stderr)")

        // Installing again over the moved prefix is idempotent; uninstalling removes exactly that.
        let again = try Self.run([script, "--prefix", moved, "--binary", binary])
        #expect(again.status == 0, "reinstall: \(again.stderr)")
        #expect(Self.tree(moved) == treeBefore)
        let foreign = moved + "/share/man/man1/other.1"
        try "not ours\n".write(toFile: foreign, atomically: true, encoding: .utf8)
        let removed = try Self.run([script, "--prefix", moved, "--uninstall"])
        #expect(removed.status == 0, "uninstall: \(removed.stderr)")
        #expect(Self.tree(moved) == ["share", "share/man", "share/man/man1", "share/man/man1/other.1"])
        let twice = try Self.run([script, "--prefix", moved, "--uninstall"])
        #expect(twice.status != 0 && twice.stderr.contains("error:") && twice.stderr.contains("no gatescope install"))
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the explorer half"))
    func theMovedProgramExploresADemoFromTheRootDirectory() throws {
        let binary = try #require(Self.binary)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("install tmux \(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let installed = try Self.run([Self.root + "/scripts/install.sh", "--prefix", base + "/a", "--binary", binary])
        #expect(installed.status == 0, "install: \(installed.stderr)")
        try FileManager.default.moveItem(atPath: base + "/a", toPath: base + "/b")
        let session = try TmuxSession(command: ["/bin/sh", "-c", "cd / && exec \"$0\" explore --demo adding", base + "/b/bin/gatescope"],
                                      width: 100, height: 30, environment: ["GATESCOPE_DEMOS": nil])
        defer { session.kill() }
        try session.waitForScreen { $0.contains("gatescope · adding") && $0.contains("t=1/50") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func badArgumentsFailWithAClearError() throws {
        let script = Self.root + "/scripts/install.sh"
        let missing = try Self.run([script, "--prefix", "/tmp/never used", "--binary", "/no/such/gatescope"])
        #expect(missing.status != 0 && missing.stderr.contains("error: --binary /no/such/gatescope is not an executable file"))
        let unknown = try Self.run([script, "--frobnicate"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown argument '--frobnicate'"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never used"))
    }

    @Test func aLoneCopyOfTheProgramSaysWhereItLookedForDemos() throws {
        let binary = try #require(Self.binary)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lone \(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: binary, toPath: base + "/bin/gatescope")
        let demos = try Self.run([base + "/bin/gatescope", "demos"], in: base)
        #expect(demos.status == 1)
        #expect(demos.stderr.hasPrefix("error: no demos found"))
        #expect(demos.stderr.contains(base + "/share/gatescope/demos") && demos.stderr.contains(base + "/demos"))
        #expect(demos.stderr.contains("GATESCOPE_DEMOS"))
        // A lesson file given by path is read without any demos directory (its syntax error is reported).
        try "hello\n".write(toFile: base + "/my.lesson", atomically: true, encoding: .utf8)
        let check = try Self.run([base + "/bin/gatescope", "lesson", "--check", base + "/my.lesson"], in: base)
        #expect(check.status == 1 && check.stderr.contains("my.lesson:1:") && !check.stderr.contains("no demos found"))
    }
}
