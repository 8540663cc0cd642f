/// The built-in tasks by name.
public enum TaskCatalog {
    /// Task names, in the order `gatescope train --help` lists them.
    public static let names = ["brackets", "adding", "temporal-order", "reber", "sine", "text", "series"]

    /// Tasks that need data from a file (`text`, `series`).
    public static let dataTasks: Set<String> = ["text", "series"]

    /// The synthetic task called `name`, or nil (data tasks are built with their data).
    public static func syntheticTask(named name: String) -> (any TrainingTask)? {
        switch name {
        case "brackets": BracketsTask()
        case "adding": AddingTask()
        case "temporal-order": TemporalOrderTask()
        case "reber": ReberTask()
        case "sine": SineTask()
        default: nil
        }
    }
}
