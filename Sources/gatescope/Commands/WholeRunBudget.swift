import Foundation
import GateCore
import GateExplorer

/// The memory a command may spend on a run held whole (teaching tools, short inputs): half of this
/// machine's memory, at most 8 GiB. Past it the command stops with advice before it starts, rather
/// than being killed by the system halfway through.
enum WholeRunBudget {
    /// Bytes a whole run may take here.
    static var limit: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        let eightGiB = 8 << 30
        guard pages > 0, size > 0 else { return eightGiB }
        let (physical, overflow) = Int(pages).multipliedReportingOverflow(by: Int(size))
        return overflow ? eightGiB : min(eightGiB, physical / 2)
    }

    /// Throws when holding `network`'s whole run of `steps` steps would take more than `limit` bytes;
    /// `advice` says what to do instead.
    static func check(_ network: RecurrentNetwork, steps: Int, limit: Int = WholeRunBudget.limit, advice: String) throws {
        let bytes = try network.wholeRunBytes(steps: steps)
        guard bytes > limit else { return }
        throw UserError("holding the whole run of \(steps) steps would take \(gigabytes(bytes)) of memory (this machine allows \(gigabytes(limit))); \(advice)")
    }

    /// What to do instead of holding a run whole, for the commands that explore or score one.
    static let wholeRunAdvice = "open it with --model FILE --input FILE (a long input is computed window by window, with or without --present, --quiz and --classroom), or record it (`gatescope record`) and open the trace with replay or units; or give a shorter input"

    /// What to do instead, for a lesson stop of at most ``StepWindowPlan/wholeRunLimit`` steps (held whole).
    static let lessonAdvice = "a lesson stop of up to \(StepWindowPlan.wholeRunLimit) steps is held whole; give the stop a smaller model or a shorter input"

    /// `bytes` as "12.3 GB".
    static func gigabytes(_ bytes: Int) -> String {
        bytes == Int.max ? "more than 9 EB" : String(format: "%.1f GB", Double(bytes) / 1e9)
    }
}
