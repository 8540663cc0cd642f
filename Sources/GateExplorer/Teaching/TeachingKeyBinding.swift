/// The keys teaching mode adds to the explorer's (none of them is an explorer key).
public enum TeachingKeyBinding {
    /// Keys and what they do, in the order the teaching panel's hint line and docs list them.
    public static let all: [(keys: String, meaning: String)] = [
        ("n  N", "next / previous lesson stop"),
        ("A", "show / hide the stop's answer"),
        ("t", "the whole narration (when it does not fit) / back"),
        ("f", "gradient-flow view on / off"),
        ("w", "what-if view on / off"),
        ("c", "clamp the focused gate of the selected unit at this step (to 0 if open, 1 if shut)"),
        ("C", "clamp it at every step"),
        ("{  }", "shift that gate's bias by −1 / +1"),
        ("u", "undo the last what-if edit"),
        ("z", "quiz mode on / off (then ↑/↓ guess before each step)"),
        ("P", "presenter mode on / off"),
    ]
}
