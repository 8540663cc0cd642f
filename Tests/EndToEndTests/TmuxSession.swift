import Foundation

/// A terminal program running in a private, detached tmux server, for end-to-end tests.
///
/// Each session has its own server (`tmux -S <socket in its own temporary directory>`), so tests can
/// run side by side and nothing is left behind (tmux does not remove its socket when killed). The
/// program runs under a small `sh` wrapper that records the tty modes before and after it, and its
/// exit status (128 + signal when a signal ended it), then keeps the pane open so the screen the
/// program left behind can still be captured. The server is killed by ``kill()`` and on deinit.
///
/// ```swift
/// @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
/// func quits() throws {
///     let session = try TmuxSession(command: [binary], width: 80, height: 24)
///     defer { session.kill() }
///     try session.waitForScreen { $0.contains("ready") }
///     try session.sendKeys("q")
///     #expect(try session.waitForExit() == 0)
/// }
/// ```
final class TmuxSession {
    /// Whether tmux can be run here (use with `.enabled(if:)`).
    static let isAvailable: Bool = executable(named: "tmux") != nil

    /// Raised when something does not happen in time, or tmux fails.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the last screen when there is one.
        var description: String
    }

    private let tmuxPath: String
    private let directory: URL
    private var isKilled = false

    /// Starts `command` (argv) in a `width` × `height` terminal with `TERM=term` and the extra
    /// `environment` (a nil value unsets the variable).
    init(command: [String], width: Int = 80, height: Int = 24, term: String = "xterm-256color",
         environment: [String: String?] = [:]) throws {
        guard let executable = Self.executable(named: "tmux") else { throw Failure(description: "tmux is not installed") }
        tmuxPath = executable
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatescope-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var script = "#!/bin/sh\n"
        // Job control, as in an interactive shell: the program runs as the terminal's foreground
        // job, so Ctrl-C reaches only it and Ctrl-Z really stops it (a stop signal to an orphaned
        // process group, which the program would otherwise be in, is discarded by the kernel).
        script += "set -m\n"
        // dash re-raises SIGINT on itself when its foreground job died of it; survive that to
        // record the status. (A trap with a command is reset in the child, unlike an ignored signal.)
        script += "trap ':' INT\n"
        script += "stty -g > \(Self.quote(path("stty-before")))\n"
        script += "export TERM=\(Self.quote(term))\n"
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            if let value { script += "export \(name)=\(Self.quote(value))\n" } else { script += "unset \(name)\n" }
        }
        script += command.map(Self.quote).joined(separator: " ") + "\n"
        // A stopped job (status 128 + SIGTSTP) waits for resume(), then continues in the foreground.
        script += "status=$?\n"
        script += "while [ \"$status\" -eq 148 ]; do\n"
        script += "  : > \(Self.quote(path("stopped")))\n"
        script += "  while [ ! -e \(Self.quote(path("resume"))) ]; do sleep 0.05; done\n"
        script += "  rm -f \(Self.quote(path("resume"))) \(Self.quote(path("stopped")))\n"
        script += "  fg > /dev/null; status=$?\n"
        script += "done\n"
        script += "echo $status > \(Self.quote(path("status.tmp"))); mv \(Self.quote(path("status.tmp"))) \(Self.quote(path("status")))\n"
        script += "stty -g > \(Self.quote(path("stty-after")))\n"
        script += "exec sleep 600\n"
        let scriptPath = path("run.sh")
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        chmod(scriptPath, 0o755)
        try "set -g status off\nset -g remain-on-exit on\n".write(toFile: path("tmux.conf"), atomically: true, encoding: .utf8)

        // `sh FILE` reads the script instead of executing it: a file just written can still be open for
        // writing in a child another test thread is forking, and exec would fail with "Text file busy".
        try tmux(["-f", path("tmux.conf"), "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
                  "/bin/sh " + Self.quote(scriptPath)])
    }

    deinit { kill() }

    /// Sends tmux key names, one argument each (e.g. "Right", "Space", "q", "C-c", "PageDown").
    func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "main"] + keys)
    }

    /// Types `text` literally (escape sequences included, e.g. a mouse report).
    func sendText(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// Resizes the terminal.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text (with SGR escape sequences when `escapes`).
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "main"] + (escapes ? ["-e"] : []))
    }

    /// A tmux format variable of the pane, e.g. "alternate_on", "cursor_flag", "mouse_any_flag".
    func paneVariable(_ name: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds, and returns that screen; throws with the last
    /// screen on timeout.
    @discardableResult
    func waitForScreen(timeout: Duration = .seconds(10), _ condition: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try capture()
            if condition(screen) {
                // A capture can land while the program is still writing its frame: look again a moment
                // later and prefer that screen when it still matches (else the first one that did).
                Thread.sleep(forTimeInterval: 0.05)
                let later = try capture()
                return condition(later) ? later : screen
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for the screen; last screen:\n\(screen)")
    }

    /// The program's exit status (128 + signal if a signal ended it), or nil while it runs.
    var exitStatus: Int32? {
        guard let text = try? String(contentsOfFile: path("status"), encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether the program is stopped (after Ctrl-Z), waiting for ``resume()``.
    var isSuspended: Bool { FileManager.default.fileExists(atPath: path("stopped")) }

    /// Continues a stopped program in the foreground, as `fg` in a shell does.
    func resume() throws {
        guard isSuspended else { throw Failure(description: "the program is not stopped") }
        guard FileManager.default.createFile(atPath: path("resume"), contents: nil) else {
            throw Failure(description: "could not create \(path("resume"))")
        }
    }

    /// Waits until `condition` holds (polling), or throws `message` on timeout.
    func wait(timeout: Duration = .seconds(10), for message: String, until condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for \(message); screen:\n\((try? capture()) ?? "")")
    }

    /// Waits for the program to end and returns its exit status.
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let status = exitStatus { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for the program to exit; screen:\n\((try? capture()) ?? "")")
    }

    /// The tty modes (`stty -g`) before the program started and after it ended (nil until then).
    var ttyModes: (before: String?, after: String?) {
        (try? String(contentsOfFile: path("stty-before"), encoding: .utf8),
         try? String(contentsOfFile: path("stty-after"), encoding: .utf8))
    }

    /// The program's process id (the wrapper shell's child; Linux only).
    func programPID() throws -> pid_t {
        let shell = try paneVariable("pane_pid")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let first = children.split(separator: " ").first, let pid = pid_t(first) else {
            throw Failure(description: "the program (child of pane process \(shell)) is not running")
        }
        return pid
    }

    /// Sends `signal` to the program.
    func signal(_ signal: Int32) throws {
        let pid = try programPID()
        guard Foundation.kill(pid, signal) == 0 else { throw Failure(description: "kill(\(pid), \(signal)) failed") }
    }

    /// Stops the tmux server and removes the session's files. Safe to call more than once.
    func kill() {
        guard !isKilled else { return }
        isKilled = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// The path of a built product (e.g. "canvas-demo") next to the test bundle, or in
    /// `GATESCOPE_BIN_DIR`; nil when it has not been built.
    static func builtProduct(named name: String) -> String? {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["GATESCOPE_BIN_DIR"] { candidates.append(URL(fileURLWithPath: dir)) }
        var url = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            candidates.append(url)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return candidates.map { $0.appendingPathComponent(name).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    // MARK: Helpers

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs tmux on this session's server and returns its standard output.
    ///
    /// Spawned with posix_spawn and a cleared signal mask rather than Foundation's `Process`: the
    /// server that `new-session` forks inherits the spawner's mask, and with SIGCHLD blocked it never
    /// notices its panes exit and ignores `kill-server`. Output goes through files, not pipes, since
    /// the server would hold a pipe open forever.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outputPath = path("tmux.out"), errorPath = path("tmux.err")
        let status = try Self.spawnAndWait([tmuxPath, "-S", path("tmux.sock")] + arguments, stdout: outputPath, stderr: errorPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return text
    }

    /// Runs `argv` with stdin from /dev/null, stdout and stderr to files, default signal
    /// dispositions and an empty signal mask, and returns its exit status.
    private static func spawnAndWait(_ argv: [String], stdout: String, stderr: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard result == 0 else { throw Failure(description: "could not start \(argv[0]): error \(result)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status >> 8) & 0xFF, signal = status & 0x7F
        return signal == 0 ? exitCode : 128 + signal
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
