import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GateCore
import GateExplorer
import GateFormats

/// Builds the step-locked compare view from files: two traces (`replay A --compare B`) or two inputs
/// through one model (`explore --model M --input X --compare-input Y`).
enum CompareApp {
    /// Two trace files, each read window by window.
    static func make(traceA: String, traceB: String) throws -> CompareSessionApp {
        let a = try MappedTrace(path: traceA)
        let b = try MappedTrace(path: traceB)
        let common = commonSteps(a.steps, b.steps, labelA: traceA, labelB: traceB)
        return try CompareSessionApp(a: PrefixRowSource(base: MappedRowSource(trace: a), steps: common),
                                     b: PrefixRowSource(base: MappedRowSource(trace: b), steps: common),
                                     labelA: (traceA as NSString).lastPathComponent, labelB: (traceB as NSString).lastPathComponent,
                                     vocabularyA: a.metadata.vocabulary, vocabularyB: b.metadata.vocabulary)
    }

    /// The steps both runs have; a `note:` says so when one is longer (and an error when one is empty).
    static func commonSteps(_ a: Int, _ b: Int, labelA: String, labelB: String) -> Int {
        // Without a terminal the view cannot open: its one error line says so, alone.
        if a != b, min(a, b) > 0, isatty(1) != 0 {
            printNote("\(labelA) has \(a) step\(a == 1 ? "" : "s") and \(labelB) has \(b): comparing the first \(min(a, b)) (their common prefix)")
        }
        return min(a, b)
    }

    /// One model (loaded with every model option: prefix, head, embedding, nonlinearity, vocabulary)
    /// over two inputs (compared over their common prefix when their lengths differ).
    static func make(network: RecurrentNetwork, inputA: String, inputB: String) throws -> CompareSessionApp {
        let a = try SequenceLoader.load(path: inputA, for: network)
        let b = try SequenceLoader.load(path: inputB, for: network)
        let common = commonSteps(a.input.rows, b.input.rows, labelA: inputA, labelB: inputB)
        guard common > 0 else { throw UserError("\(a.input.rows == 0 ? inputA : inputB) has no steps; compare needs two non-empty inputs") }
        // A bidirectional network's reverse direction depends on the whole input: run each whole (a long
        // one lazily, from checkpoints), then cut.
        func source(_ sequence: LoadedSequence) throws -> any ExplorerRowSource {
            if let lazy = try ExploreCommand.lazySource(network: network, sequence: sequence, inBackground: true) {
                return PrefixRowSource(base: lazy, steps: common)
            }
            return try network.run(sequence.input, tokens: sequence.tokens).rows(0..<common)
        }
        return try CompareSessionApp(a: try source(a), b: try source(b), labelA: (inputA as NSString).lastPathComponent,
                                     labelB: (inputB as NSString).lastPathComponent,
                                     vocabularyA: network.vocabulary, vocabularyB: network.vocabulary)
    }
}
