import GateCanvas
import GateCore
import GateExplorer
#if canImport(Glibc)
import Glibc
#endif

/// This thread's CPU time in seconds (unlike wall time, barely moved by other processes on a busy machine).
func threadCPUTime() -> Double { clockSeconds(CLOCK_THREAD_CPUTIME_ID) }

/// `gatescope-bench frame-cpu`: the explorer's 200×60 render measured in thread CPU time, for each
/// colour scaling (docs/benchmarks.md).
func runFrameCPU() {
    let cases = [("built-in demo (LSTM 6 units, 13 steps)", BuiltInDemo.run()),
                 ("LSTM 2→64, 2000 steps, head", ExplorerBenchmark.syntheticRun(hidden: 64, steps: 2000)),
                 ("LSTM 2→256, 2000 steps, head", ExplorerBenchmark.syntheticRun(hidden: 256, steps: 2000))]
    print("explorer render into a 200×60 cell buffer (truecolor), thread CPU time, 300 frames per case:")
    for (name, run) in cases {
        var line = "  \(name):"
        for scaling in ValueScaling.allCases {
            var state = ExplorerState(run: run)
            if state.valueScaling != scaling {
                _ = state.apply(ExplorerCommand.toggleValueScaling, viewport: ExplorerViewport(unitsPerPage: 1, focusTargets: []))
            }
            var times: [Double] = []
            for frame in 0..<300 {
                state.move(to: frame % max(1, run.steps))
                var buffer = CellBuffer(width: 200, height: 60, colorMode: .truecolor)
                let start = threadCPUTime()
                ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).render(into: &buffer)
                times.append(threadCPUTime() - start)
            }
            times.sort()
            line += " \(scaling.label) median \(format2(times[150] * 1e3)) ms p90 \(format2(times[270] * 1e3)) ms;"
        }
        print(line)
    }
}
