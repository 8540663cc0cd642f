/// The part of the argument parser's `--experimental-dump-help` JSON the man page uses (every field
/// optional, so a newer parser that adds or drops fields still decodes).
struct ManualToolInfo: Decodable {
    /// The root command.
    var command: ManualCommandInfo
}

/// One command of the dump: its name, texts, arguments and subcommands.
struct ManualCommandInfo: Decodable {
    /// The command's name (`gatescope`, `explore`, …).
    var commandName: String
    /// The one-line summary.
    var abstract: String?
    /// The longer text.
    var discussion: String?
    /// False for hidden commands.
    var shouldDisplay: Bool?
    /// The subcommands, in order.
    var subcommands: [ManualCommandInfo]?
    /// The arguments, options and flags.
    var arguments: [ManualArgumentInfo]?
}

/// One argument, option or flag of the dump.
struct ManualArgumentInfo: Decodable {
    /// One spelling of an option: `long` (`--out`), `short` (`-o`) or `longWithSingleDash`.
    struct Name: Decodable {
        /// `long`, `short` or `longWithSingleDash`.
        var kind: String
        /// The name without dashes.
        var name: String
    }

    /// `positional`, `option` or `flag`.
    var kind: String
    /// False for hidden arguments.
    var shouldDisplay: Bool?
    /// Whether it may be left out.
    var isOptional: Bool?
    /// Whether it may be given several times.
    var isRepeating: Bool?
    /// Its spellings.
    var names: [Name]?
    /// The value's placeholder (`file`, `n`).
    var valueName: String?
    /// The default, as text.
    var defaultValue: String?
    /// The one-line help.
    var abstract: String?
    /// The longer help.
    var discussion: String?
}
