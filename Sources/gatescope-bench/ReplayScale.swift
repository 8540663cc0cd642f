// `gatescope-bench replay-scale [steps] [directory]`: writes a long LSTM trace with the streaming
// writer, then (in a fresh child process, so its peak memory is the reader's alone) opens it with
// MappedTrace, reads the first screen, scrubs end to end screen by screen and jumps at random.
import GateCanvas
import GateCore
import GateFormats
#if canImport(Glibc)
import Glibc
#endif

/// Resident set figures of this process from /proc/self/status, in MB: (VmRSS, VmHWM).
func residentMegabytes() -> (current: Double, peak: Double) {
    guard let file = fopen("/proc/self/status", "r") else { return (0, 0) }
    defer { fclose(file) }
    var current = 0.0, peak = 0.0
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let number = Double(text.filter(\.isNumber)) ?? 0
        if text.hasPrefix("VmRSS:") { current = number / 1024 }
        if text.hasPrefix("VmHWM:") { peak = number / 1024 }
    }
    return (current, peak)
}

/// Free bytes on the file system holding `directory`.
func freeBytes(_ directory: String) -> Int {
    var info = statvfs()
    guard statvfs(directory, &info) == 0 else { return 0 }
    return Int(info.f_bavail) * Int(info.f_frsize)
}

/// Writes a `steps`-step, 128→128 LSTM trace to `path` in chunks, carrying the state across chunks.
func writeScaleTrace(path: String, steps: Int, hidden: Int = 128, input: Int = 128) throws -> Double {
    var random = BenchRandom(state: 7)
    let scale = 1 / Float(hidden).squareRoot()
    let weights = CellWeights.lstm(LSTMWeights(
        inputWeights: random.matrix(4 * hidden, input, scale: scale), recurrentWeights: random.matrix(4 * hidden, hidden, scale: scale),
        inputBias: random.matrix(1, 4 * hidden, scale: scale).values, recurrentBias: random.matrix(1, 4 * hidden, scale: scale).values))
    let network = RecurrentNetwork(layers: [[weights]])
    let series = [SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate,
                  SeriesName.cell, SeriesName.hidden].flatMap { name in
        name == SeriesName.cell || name == SeriesName.hidden ? [name] : [name, SeriesName.preactivation(name)]
    }
    var layouts = [StreamingSafeTensorsWriter.TensorLayout(name: "input", rows: steps, columns: input)]
    layouts += series.map { .init(name: "l0.\($0)", rows: steps, columns: hidden) }
    let metadata = TraceMetadata(network: network, steps: steps, model: "bench", input: "sine")
    let writer = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: metadata.encoded)
    let start = now()
    var state: RecurrentState? = nil
    let chunk = 1000
    var t0 = 0
    while t0 < steps {
        let rows = min(chunk, steps - t0)
        var x = Matrix(rows: rows, columns: input)
        for r in 0..<rows {
            for c in 0..<input { x[r, c] = sinf(Float(t0 + r) / Float(5 + c)) }
        }
        let run = weights.run(x, from: state)
        state = run.finalState
        for r in 0..<rows { try writer.append(row: x.row(r), to: "input") }
        for name in series {
            let matrix = run.series[name]!
            for r in 0..<rows { try writer.append(row: matrix.row(r), to: "l0.\(name)") }
        }
        t0 += rows
    }
    try writer.finish()
    return now() - start
}

/// Opens the trace, reads the first screen, scrubs end to end, jumps at random; prints the figures.
func readScaleTrace(path: String) throws {
    let screenSteps = 200
    let before = residentMegabytes()
    var start = now()
    let trace = try MappedTrace(path: path)
    let opened = now() - start
    let afterOpen = residentMegabytes()
    let info = trace.recordedLayers[0]
    let names = info.seriesNames
    func screen(_ from: Int) throws -> Float {
        let rows = from..<min(trace.steps, from + screenSteps)
        var sum: Float = try trace.input(rows: rows).values.last ?? 0
        for name in names { sum += try trace.series(name, layer: 0, reverse: false, rows: rows).values.last ?? 0 }
        return sum
    }
    start = now()
    var checksum = try screen(0)
    let firstFrame = now() - start
    print("  open: \(format2(opened * 1000)) ms; open + first screen (\(screenSteps) steps × \(names.count + 1) tensors): \(format2((opened + firstFrame) * 1000)) ms")
    print("  resident after open: \(format2(afterOpen.current)) MB (before: \(format2(before.current)) MB)")
    start = now()
    var slowest = 0.0
    var frames = 0
    var from = 0
    while from < trace.steps {
        let frameStart = now()
        checksum += try screen(from)
        slowest = max(slowest, now() - frameStart)
        frames += 1
        from += screenSteps
    }
    let scrub = now() - start
    print("  scrub end to end: \(frames) screens in \(format2(scrub)) s (\(format2(scrub / Double(frames) * 1e6)) µs/screen, slowest \(format2(slowest * 1000)) ms)")
    var random = BenchRandom(state: 99)
    start = now()
    slowest = 0
    for _ in 0..<1000 {
        let target = Int((random.next(scale: 0.5) + 0.5) * Float(trace.steps - screenSteps))
        let jumpStart = now()
        checksum += try screen(max(0, target))
        slowest = max(slowest, now() - jumpStart)
    }
    let jumps = now() - start
    print("  1000 random jumps: \(format2(jumps / 1000 * 1e6)) µs each (slowest \(format2(slowest * 1000)) ms)")
    let after = residentMegabytes()
    print("  peak resident (VmHWM) of the reader process: \(format2(after.peak)) MB; resident now \(format2(after.current)) MB")
    if checksum.isNaN { print("  (checksum nan)") }
}

/// The `replay-scale` mode: write, then read in a child process.
func runReplayScale(arguments: [String]) throws {
    let directory = arguments.count > 1 ? arguments[1] : "/tmp"
    var steps = arguments.first.flatMap { Int($0) } ?? 1_000_000
    let bytesNeeded = steps * 128 * 4 * 11 + (1 << 20)
    let available = freeBytes(directory)
    if available < bytesNeeded + (2 << 30) {
        print("replay-scale: \(format2(Double(bytesNeeded) / 1e9)) GB needed but \(format2(Double(available) / 1e9)) GB free in \(directory); measuring 200000 steps instead")
        steps = 200_000
    }
    let path = "\(directory)/gatescope-replay-scale-\(getpid()).safetensors"
    defer { unlink(path) }
    print("replay-scale: LSTM 128→128, \(steps) steps, 11 tensors (input + 10 series), \(format2(Double(steps * 128 * 4 * 11) / 1e9)) GB at \(path)")
    let wrote = try writeScaleTrace(path: path, steps: steps)
    print("  write (run + stream to disk): \(format2(wrote)) s, \(format2(Double(steps) / wrote)) steps/s; writer peak resident \(format2(residentMegabytes().peak)) MB")
    fflush(nil)
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup(CommandLine.arguments[0]), strdup("replay-scale-read"), strdup(path), nil]
    defer { for pointer in argv { free(pointer) } }
    let status = posix_spawn(&pid, "/proc/self/exe", nil, nil, argv, environ)
    guard status == 0 else { print("  cannot spawn the reader (\(status))"); return }
    var exitStatus: Int32 = 0
    waitpid(pid, &exitStatus, 0)
}
