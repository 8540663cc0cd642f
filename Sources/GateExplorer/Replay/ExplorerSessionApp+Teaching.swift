import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Whether the session takes every key itself now (the note prompt, the bookmark list, typing, the
    /// search prompt, the `u` list): an app around it should hand keys straight on.
    public var capturesKeys: Bool {
        notePrompt != nil || bookmarkList != nil || isTyping || searchPrompt != nil || tokenUnits != nil
    }

    /// Replaces the run with an edited one (a what-if edit): its trace and its network (a bias shift
    /// changes the weights the inspector shows). A recording in progress notes `edit` and records the
    /// edited rows from here on; the cursor stays.
    public mutating func replaceRun(_ run: ExplorerRun, describing edit: String) {
        guard source == nil else { return }
        var next = run
        next.extraKeyHelp = base.extraKeyHelp
        next.disabledKeys = base.disabledKeys
        base = next
        replaceRun(run.trace, describing: edit)
    }
}
