import GateCanvas
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
        guard a.steps == b.steps else {
            throw UserError("\(traceA) has \(a.steps) steps but \(traceB) has \(b.steps); compare needs traces of the same length")
        }
        return try CompareSessionApp(a: MappedRowSource(trace: a), b: MappedRowSource(trace: b),
                                     labelA: (traceA as NSString).lastPathComponent, labelB: (traceB as NSString).lastPathComponent)
    }

    /// One model (loaded with every model option: prefix, head, embedding, nonlinearity, vocabulary)
    /// over two inputs of the same length.
    static func make(network: RecurrentNetwork, inputA: String, inputB: String) throws -> CompareSessionApp {
        let a = try SequenceLoader.load(path: inputA, for: network)
        let b = try SequenceLoader.load(path: inputB, for: network)
        guard a.input.rows == b.input.rows else {
            throw UserError("\(inputA) has \(a.input.rows) steps but \(inputB) has \(b.input.rows); compare needs inputs of the same length")
        }
        let traceA = try network.run(a.input, tokens: a.tokens)
        let traceB = try network.run(b.input, tokens: b.tokens)
        return try CompareSessionApp(a: traceA, b: traceB, labelA: (inputA as NSString).lastPathComponent,
                                     labelB: (inputB as NSString).lastPathComponent)
    }
}
