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
        adoptTemplate(run)
        replaceRun(run.trace, describing: edit)
    }

    /// Replaces a run read window by window with an edited one (a what-if edit on a long run, or its
    /// undo): rows now come from `source`, names and network from `run`. A recording in progress notes
    /// `edit` and records the edited rows from here on; the cursor stays.
    public mutating func replaceRun(_ run: ExplorerRun, source: any ExplorerRowSource, describing edit: String) {
        guard self.source != nil else { return }
        adoptTemplate(run)
        self.source = source
        recording?.noteEdit(edit)
        reload(force: true)
    }

    /// Takes `run`'s names, network and vocabulary as the template, keeping the keys listed and disabled.
    private mutating func adoptTemplate(_ run: ExplorerRun) {
        var next = run
        next.extraKeyHelp = base.extraKeyHelp
        next.disabledKeys = base.disabledKeys
        base = next
    }
}
