import GateCanvas

/// The `:` prompt: go to a step (`:120`) or a unit (`:u 47`), both numbered from 1 as on screen.
public struct GoToPrompt: Sendable, Equatable {
    /// Where a finished prompt goes, numbered from 1 as typed.
    public enum Target: Sendable, Equatable {
        /// Step number n (t = n).
        case step(Int)
        /// Unit number n.
        case unit(Int)
    }

    /// What has been typed after the `:`.
    public var text = ""
    /// Why the last Enter did not go anywhere, shown until the next key.
    public var problem: String?

    /// An empty prompt.
    public init() {}

    /// The target `text` names, or nil: digits are a step, `u` and digits a unit, both from 1
    /// (zero or a negative number names nothing).
    public var target: Target? {
        guard let (isUnit, number) = typedNumber, number >= 1 else { return nil }
        return isUnit ? .unit(number) : .step(number)
    }

    /// The number `text` holds and whether it names a unit, or nil when it holds no number.
    private var typedNumber: (isUnit: Bool, number: Int)? {
        let trimmed = text.trimmingSpaces
        let isUnit = trimmed.hasPrefix("u")
        let digits = isUnit ? String(trimmed.dropFirst()).trimmingSpaces : trimmed
        return Int(digits).map { (isUnit, $0) }
    }

    /// What a key does to the prompt: `.finished(target)` on Enter with a valid text, `.cancelled`
    /// on Escape (or Backspace on an empty prompt), `.editing` otherwise.
    public mutating func handle(_ key: Key) -> Outcome {
        problem = nil
        switch key {
        case .escape: return .cancelled
        case .backspace, .delete:
            if text.isEmpty { return .cancelled }
            text.removeLast()
        case .enter:
            if let target { return .finished(target) }
            if let typed = typedNumber {
                problem = "\(typed.isUnit ? "units" : "steps") are numbered from 1: type 1 or more"
            } else {
                problem = "type a step number (120) or u and a unit number (u 47)"
            }
        case .character(let character)
            where character.isNumber || character == "u" || character == " " || character == "-":
            if text.count < 12 { text.append(character) }
        default: break
        }
        return .editing
    }

    /// What handling a key led to.
    public enum Outcome: Sendable, Equatable {
        /// Still typing.
        case editing
        /// Closed without going anywhere.
        case cancelled
        /// Closed with a target.
        case finished(Target)
    }

    /// The prompt line: what was typed, then what to type (or the problem).
    public var line: StyledText {
        var line = StyledText(" go to: ", ExplorerTheme.title)
        line.add(":" + text + "▏", ExplorerTheme.selection)
        line.add("   " + (problem ?? "a step number (120) or u and a unit (u 47) · Enter go · Esc cancel"),
                 problem == nil ? ExplorerTheme.dim : ExplorerTheme.notice)
        return line
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
