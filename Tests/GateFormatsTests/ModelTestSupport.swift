#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GateCore
import GateFormats

/// Small deterministic networks and temporary paths for the model and trace tests.
enum ModelTestSupport {
    /// A deterministic pseudo-random matrix in [−0.5, 0.5].
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
        var state = seed &+ 0x9E3779B97F4A7C15
        var values: [Float] = []
        for _ in 0..<(rows * columns) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Float(Int64(bitPattern: state >> 11) % 1000) / 1000 - 0.5)
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    /// A vector of `count` pseudo-random values.
    static func vector(_ count: Int, seed: UInt64) -> [Float] { matrix(1, count, seed: seed).values }

    /// One layer and direction of `kind` with input X, hidden H (and projection P for LSTM).
    static func cell(_ kind: CellKind, input: Int, hidden: Int, projection: Int = 0, seed: UInt64) -> CellWeights {
        let r = projection > 0 ? projection : hidden
        switch kind {
        case .lstm:
            return .lstm(LSTMWeights(inputWeights: matrix(4 * hidden, input, seed: seed), recurrentWeights: matrix(4 * hidden, r, seed: seed + 1),
                                     inputBias: vector(4 * hidden, seed: seed + 2), recurrentBias: vector(4 * hidden, seed: seed + 3),
                                     projection: projection > 0 ? matrix(projection, hidden, seed: seed + 4) : nil))
        case .gru:
            return .gru(GRUWeights(inputWeights: matrix(3 * hidden, input, seed: seed), recurrentWeights: matrix(3 * hidden, hidden, seed: seed + 1),
                                   inputBias: vector(3 * hidden, seed: seed + 2), recurrentBias: vector(3 * hidden, seed: seed + 3)))
        case .rnnTanh, .rnnRelu:
            return .rnn(RNNWeights(inputWeights: matrix(hidden, input, seed: seed), recurrentWeights: matrix(hidden, hidden, seed: seed + 1),
                                   inputBias: vector(hidden, seed: seed + 2), recurrentBias: vector(hidden, seed: seed + 3),
                                   usesRelu: kind == .rnnRelu))
        }
    }

    /// A stacked network.
    static func network(_ kind: CellKind, input: Int, hidden: Int, layers: Int = 1, bidirectional: Bool = false,
                        projection: Int = 0, head: Int? = nil, vocabulary: [String]? = nil) -> RecurrentNetwork {
        var stack: [[CellWeights]] = []
        var width = vocabulary == nil ? input : input
        for k in 0..<layers {
            let directions = bidirectional ? 2 : 1
            stack.append((0..<directions).map { d in
                cell(kind, input: width, hidden: hidden, projection: projection, seed: UInt64(100 * k + 10 * d))
            })
            width = directions * (projection > 0 ? projection : hidden)
        }
        return RecurrentNetwork(
            layers: stack,
            embedding: vocabulary.map { matrix($0.count, input, seed: 77) },
            head: head.map { LinearHead(weights: matrix($0, width, seed: 55), bias: vector($0, seed: 56)) },
            vocabulary: vocabulary)
    }

    /// A fresh empty directory for one test.
    static func temporaryDirectory() -> String {
        var template = Array("/tmp/gatescope-model-test-XXXXXX".utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return result.map { String(cString: $0) } ?? "/tmp"
    }

    /// Removes a directory made by ``temporaryDirectory()`` (or ``FormatFixtures/temporaryDirectory()``)
    /// and everything in it: every test that makes one defers this.
    static func removeDirectory(_ directory: String) {
        guard directory.hasPrefix("/tmp/gatescope-") else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Removes the temporary directory holding `path` (a file in a directory from ``temporaryDirectory()``).
    static func removeDirectory(containing path: String) {
        removeDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Writes text to a file.
    static func write(_ text: String, to path: String) throws {
        try FileBytes.writeAtomically(Array(text.utf8), to: path)
    }

    /// The message of the error `body` throws, or "no error".
    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }
}
