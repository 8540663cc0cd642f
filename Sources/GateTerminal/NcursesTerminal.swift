import CNcursesw
import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal: ncurses (wide-character API) on the process's stdin and stdout.
///
/// Opening checks for a TTY and a usable TERM and throws a ``TerminalSetupError`` with a one-line
/// message instead of letting ncurses exit. While open, SIGINT/SIGTERM/SIGHUP end
/// ``nextEvent(timeout:)`` with an `InterruptSignal` (which `runApp` turns into an outcome); Ctrl-Z suspends and resumes (ncurses'
/// SIGTSTP handling). Call ``close()`` on every exit path (``run(app:appName:commandName:)`` does).
/// Not thread-safe: every call must come from the thread that created the terminal.
public final class NcursesTerminal: Terminal {
    /// How colours are shown, chosen at start (see ``detectColorMode(environment:)``).
    public let colorMode: ColorMode
    /// Statistics of the last flush.
    public private(set) var lastFrame: FrameStats?
    /// Statistics of every flush, kept only when `recordsFrames` was set at start.
    public private(set) var frames: [FrameStats] = []

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let signals: SignalTrap
    private let pairs: ColorPairCache
    private let writeCounter: WriteCounter?
    private let recordsFrames: Bool
    private let colorCount: Int32
    private var lastFlushed: CellBuffer?
    private var needsFullRedraw = true
    private var isClosed = false
    private var wideText: [wchar_t] = []
    private let clock = ContinuousClock()
    /// Whether glyphs are drawn as UTF-8 (else as ``ASCIIFallback``).
    private let drawsUTF8: Bool
    /// Whether the terminal has an alternate screen (else the screen is cleared on exit, so the
    /// last frame does not stay under the shell prompt).
    private let hasAlternateScreen: Bool
    /// /dev/tty, opened for keys when standard input is not a terminal; closed by ``close()``.
    private var keyboardFile: UnsafeMutablePointer<FILE>?

    /// Opens the terminal.
    ///
    /// - Parameters:
    ///   - commandName: named in the "needs a terminal" message, e.g. "gatescope explore".
    ///   - recordsFrames: keep every frame's ``FrameStats`` in ``frames`` and measure bytes written
    ///     (Linux, via /proc/self/io).
    ///   - environment: the process environment (injectable for colour-mode selection).
    public init(commandName: String = "gatescope explore", recordsFrames: Bool = false,
                environment: [String: String] = NcursesTerminal.processEnvironment()) throws {
        let drawsUTF8 = TerminalLocale.configure(environment: environment, term: environment["TERM"] ?? "")
        if isatty(STDOUT_FILENO) != 1 { throw TerminalSetupError.notATerminal(command: commandName, stream: "stdout") }
        // Standard input may be a pipe (live input: `tail -f rows.csv | gatescope explore --input -`):
        // then keys come from the controlling terminal, /dev/tty.
        var keyboard = gs_stdin()
        var openedTTY: UnsafeMutablePointer<FILE>?
        if isatty(STDIN_FILENO) != 1 {
            guard let tty = fopen("/dev/tty", "r"), isatty(fileno(tty)) == 1 else {
                throw TerminalSetupError.notATerminal(command: commandName, stream: "stdin")
            }
            keyboard = tty
            openedTTY = tty
        }
        let termName = environment["TERM"] ?? ""
        if termName.isEmpty { throw TerminalSetupError.unknownTerminalType("") }
        try Self.checkTerminfo(termName)

        let signals = SignalTrap()
        TerminalRescue.sessionOpened(ttyDescriptor: fileno(keyboard))
        guard let screen = newterm(termName, gs_stdout(), keyboard) else {
            if let openedTTY { fclose(openedTTY) }
            signals.restore()
            TerminalRescue.sessionClosed()
            throw TerminalSetupError.initialisationFailed(termName)
        }
        set_term(screen)
        self.screen = screen
        self.keyboardFile = openedTTY
        guard let window = gs_stdscr() else {
            endwin()
            delscreen(screen)
            if let openedTTY { fclose(openedTTY) }
            signals.restore()
            TerminalRescue.sessionClosed()
            throw TerminalSetupError.initialisationFailed(termName)
        }
        self.window = window
        self.signals = signals
        self.drawsUTF8 = drawsUTF8
        self.hasAlternateScreen = gs_has_string_capability("smcup") != 0
        self.recordsFrames = recordsFrames
        self.writeCounter = recordsFrames ? WriteCounter() : nil

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        // Home/End arrive in several dialects (tmux and screen send ESC[1~/ESC[4~, rxvt ESC[7~/ESC[8~)
        // that a terminfo entry names only one of; teach ncurses all of them.
        for (sequence, key) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME),
                                ("\u{1B}OH", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END),
                                ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END)] {
            define_key(sequence, key)
        }
        curs_set(0)
        set_escdelay(25)
        let buttons: [Int32] = [1, 2, 3]
        var mask = gs_button_pressed(4) | gs_button_pressed(5)
        for button in buttons { mask |= gs_button_pressed(button) | gs_button_released(button) }
        mousemask(mask, nil)
        mouseinterval(0)

        // COLORS and COLOR_PAIRS are only known after start_color.
        var mode = ColorMode.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            mode = Self.detectColorMode(environment: environment)
        }
        let colors = gs_colors()
        let direct = tigetflag("RGB") > 0 || colors >= 0x100_0000
        switch mode {
        case .truecolor where !direct:
            // ncurses emits 24-bit colour only with a direct-colour terminfo entry (e.g. TERM=xterm-direct).
            mode = colors >= 256 ? .palette256 : colors >= 16 ? .palette16 : colors >= 8 ? .palette8 : .monochrome
        case .palette256 where colors < 256:
            mode = colors >= 16 ? .palette16 : colors >= 8 ? .palette8 : .monochrome
        case .palette16 where colors < 16:
            mode = colors >= 8 ? .palette8 : .monochrome
        case .palette8 where colors < 8:
            mode = .monochrome
        default:
            break
        }
        self.colorMode = mode
        self.colorCount = colors
        self.pairs = ColorPairCache(limit: Int32(max(1, gs_color_pairs())))
    }

    deinit { close() }

    /// The process environment as a dictionary.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let pair = String(cString: pointer)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// The colour mode asked for by the environment, before checking what the terminfo entry can do:
    /// `GATESCOPE_COLOR` (truecolor, 256, 16, 8, mono) wins; then a non-empty `NO_COLOR` gives
    /// monochrome; `COLORTERM=truecolor|24bit` or the terminfo `RGB` flag give truecolor; otherwise
    /// the terminfo colour count decides (≥256, ≥16, ≥8, else monochrome).
    ///
    /// Call after ncurses has started colours (`start_color`), since the checks read terminfo and COLORS.
    public static func detectColorMode(environment: [String: String]) -> ColorMode {
        switch environment["GATESCOPE_COLOR"]?.lowercased() {
        case "truecolor", "24bit", "direct": return .truecolor
        case "256", "palette256": return .palette256
        case "16", "palette16": return .palette16
        case "8", "palette8": return .palette8
        case "mono", "monochrome", "none": return .monochrome
        default: break
        }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "") || tigetflag("RGB") > 0 {
            return .truecolor
        }
        let colors = gs_colors()
        return colors >= 256 ? .palette256 : colors >= 16 ? .palette16 : colors >= 8 ? .palette8 : .monochrome
    }

    /// Fails with a clear error when `name` has no terminfo entry or cannot address the cursor.
    private static func checkTerminfo(_ name: String) throws {
        var status: Int32 = 0
        if setupterm(name, STDOUT_FILENO, &status) != OK {
            switch status {
            case -1: throw TerminalSetupError.noTerminfoDatabase(name)
            case 1: throw TerminalSetupError.unsupportedTerminal(name)
            default: throw TerminalSetupError.unknownTerminalType(name)
            }
        }
        let canAddress = gs_has_string_capability("cup") != 0
        if let loaded = gs_cur_term() { del_curterm(loaded) }
        if !canAddress { throw TerminalSetupError.unsupportedTerminal(name) }
    }

    /// The current size in cells.
    public var size: (width: Int, height: Int) {
        (Int(gs_getmaxx(window)), Int(gs_getmaxy(window)))
    }

    /// Restores the terminal (leaves the alternate screen, shows the cursor, stops mouse reporting,
    /// restores tty modes) and puts the previous signal handlers back. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        mousemask(0, nil)
        curs_set(1)
        if !hasAlternateScreen {
            werase(window)
            wmove(window, 0, 0)
            wrefresh(window)
        }
        endwin()
        if !hasAlternateScreen { gs_clear_screen() }
        delscreen(screen)
        fflush(gs_stdout())
        if let keyboardFile { fclose(keyboardFile) }
        keyboardFile = nil
        signals.restore()
        TerminalRescue.sessionClosed()
    }

    @discardableResult
    public func draw(_ buffer: CellBuffer) throws -> FrameStats {
        let start = clock.now
        let bytesBefore = writeCounter?.bytesWritten()
        var full = needsFullRedraw || lastFlushed?.width != buffer.width || lastFlushed?.height != buffer.height
        var painted = full ? paintAll(buffer) : paint(buffer.changes(from: lastFlushed!))
        if painted == nil {
            // Out of colour pairs: start the pair table again and repaint everything with it.
            pairs.reset()
            full = true
            painted = paintAll(buffer) ?? buffer.cells.count
        }
        if full { clearok(window, true) }
        wnoutrefresh(window)
        doupdate()
        needsFullRedraw = false
        lastFlushed = buffer

        var frame = FrameStats(cellsChanged: painted ?? 0, fullRedraw: full, duration: start.duration(to: clock.now))
        if let before = bytesBefore, let after = writeCounter?.bytesWritten() { frame.bytesWritten = after - before }
        lastFrame = frame
        if recordsFrames { frames.append(frame) }
        return frame
    }

    public func pendingEvent() throws -> InputEvent? {
        if let signal = signals.takePending() { throw InterruptSignal(number: signal) }
        wtimeout(window, 0)
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == OK {
                if let event = Self.decode(character: character) { return event }
            } else if result == KEY_CODE_YES {
                if let event = decode(keyCode: Int32(character)) { return event }
            } else {
                return nil
            }
        }
    }

    public func nextEvent(timeout: Duration?) throws -> InputEvent? {
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while true {
            if let signal = signals.takePending() { throw InterruptSignal(number: signal) }
            // Wait in slices of at most 100 ms so a caught signal is noticed promptly.
            var slice: Int32 = 100
            if let deadline {
                let remaining = clock.now.duration(to: deadline)
                let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                slice = Int32(max(0, min(100, milliseconds + (remaining > .zero ? 1 : 0))))
            }
            wtimeout(window, slice)
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == OK, let event = Self.decode(character: character) { return event }
            if result == KEY_CODE_YES, let event = decode(keyCode: Int32(character)) { return event }
            if result == ERR, let deadline, clock.now >= deadline {
                if let signal = signals.takePending() { throw InterruptSignal(number: signal) }
                return nil
            }
        }
    }

    // MARK: Drawing

    /// Paints every cell; nil when colour pairs ran out.
    private func paintAll(_ buffer: CellBuffer) -> Int? {
        werase(window)
        var count = 0
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                guard paint(buffer[x, y], x: x, y: y) else { return nil }
                count += 1
            }
        }
        return count
    }

    /// Paints the changed cells; nil when colour pairs ran out.
    private func paint(_ changes: [(x: Int, y: Int, cell: Cell)]) -> Int? {
        for change in changes {
            guard paint(change.cell, x: change.x, y: change.y) else { return nil }
        }
        return changes.count
    }

    /// Puts one cell into the ncurses window; false when no colour pair is left.
    private func paint(_ cell: Cell, x: Int, y: Int) -> Bool {
        if cell.isContinuation { return true }
        let style = cell.style
        var attributes = gs_a_normal()
        if style.bold { attributes |= gs_a_bold() }
        if style.underline { attributes |= gs_a_underline() }
        if style.reverse { attributes |= gs_a_reverse() }
        if style.dim { attributes |= gs_a_dim() }
        var pair: Int32 = 0
        if colorMode != .monochrome {
            guard let allocated = pairs.pair(foreground: colorNumber(style.foreground),
                                             background: colorNumber(style.background)) else { return false }
            pair = allocated
        }
        wideText.removeAll(keepingCapacity: true)
        let grapheme = drawsUTF8 ? cell.grapheme : ASCIIFallback.text(for: cell.grapheme)
        for scalar in grapheme.unicodeScalars.prefix(Int(CCHARW_MAX) - 1) {
            wideText.append(wchar_t(bitPattern: scalar.value))
        }
        if wideText.isEmpty || wideText[0] < 32 || wideText[0] == 127 { wideText = [32] }
        wideText.append(0)
        var cchar = cchar_t()
        _ = gs_setcchar(&cchar, wideText, attributes, pair)
        mvwadd_wch(window, Int32(y), Int32(x), &cchar)
        return true
    }

    /// The ncurses colour number for `color` in this terminal's mode (-1 = default).
    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color.resolved(for: colorMode) {
        case .default:
            return -1
        case let .indexed(index):
            if colorMode == .truecolor && index >= 8 {
                let (r, g, b) = ColorQuantizer.rgb(forIndex: index)
                return Self.packed(r, g, b)
            }
            return colorCount >= 16 || index < 8 ? Int32(index) : Int32(index % 8)
        case let .rgb(r, g, b):
            return Self.packed(r, g, b)
        }
    }

    /// A direct-colour number; values below 8 would select ANSI colours, so they are nudged up.
    private static func packed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
    }

    // MARK: Input

    /// Decodes a character from `wget_wch`.
    private static func decode(character: wint_t) -> InputEvent? {
        switch character {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.ctrl(" "))
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(character + 96)))))
        case 28...31: return .key(.ctrl(Character(Unicode.Scalar(UInt8(character + 64)))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// The function-key codes that stand for one key each.
    private static let functionKeys: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right, KEY_HOME: .home, KEY_END: .end,
        KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_BTAB: .backTab, KEY_ENTER: .enter,
        KEY_BACKSPACE: .backspace, KEY_DC: .delete, KEY_IC: .insert,
    ]

    /// Decodes a function-key code from `wget_wch`.
    private func decode(keyCode: Int32) -> InputEvent? {
        if let key = Self.functionKeys[keyCode] { return .key(key) }
        switch keyCode {
        case KEY_RESIZE:
            needsFullRedraw = true
            let size = self.size
            return .resize(width: size.width, height: size.height)
        case KEY_MOUSE:
            return readMouse()
        case (gs_key_f0() + 1)...(gs_key_f0() + 63):
            return .key(.function(Int(keyCode - gs_key_f0())))
        default:
            return nil
        }
    }

    /// Reads the pending mouse event.
    private func readMouse() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let action: MouseAction
        if state & gs_button_pressed(4) != 0 {
            action = .scrollUp
        } else if state & gs_button_pressed(5) != 0 {
            action = .scrollDown
        } else if let (button, pressed) = Self.button(in: state) {
            action = pressed ? .press(button) : .release(button)
        } else {
            return nil
        }
        return .mouse(MouseEvent(x: Int(event.x), y: Int(event.y), action: action))
    }

    /// The button and whether it went down, for a press or release state.
    private static func button(in state: mmask_t) -> (MouseButton, Bool)? {
        let buttons: [(Int32, MouseButton)] = [(1, .left), (2, .middle), (3, .right)]
        for (number, button) in buttons {
            if state & (gs_button_pressed(number) | gs_button_clicked(number)) != 0 { return (button, true) }
            if state & gs_button_released(number) != 0 { return (button, false) }
        }
        return nil
    }
}
