import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// A ReLU RNN (`nn.RNN(nonlinearity='relu')`, `--nonlinearity relu`) is labelled relu everywhere the
/// explorer writes its equation: the belt title, the panel's words, the all-layers band and the twins
/// column (they all said tanh).
struct ReluRNNLabelTests {
    static func state(_ kind: CellKind) throws -> ExplorerState {
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 5)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 20))
        state.move(to: 4)
        return state
    }

    @Test(arguments: [CellKind.rnnRelu, .rnnTanh])
    func explorerScreensNameTheFunction(kind: CellKind) throws {
        let word = kind == .rnnRelu ? "relu" : "tanh", other = kind == .rnnRelu ? "tanh" : "relu"
        var state = try Self.state(kind)
        for (width, height) in [(80, 24), (200, 60)] {
            let screen = ExplorerTestSupport.render(state, width: width, height: height).plainText()
            #expect(screen.contains("hidden state h = \(word)(W·x + U·h₋₁ + b)"), "\(width)×\(height)")
            #expect(screen.contains(" \(word)(W·x+…) "), "whole, not cut, at \(width)×\(height)")
            #expect(!screen.contains("\(other)("), "\(width)×\(height)")
        }
        state.showsAllLayers = true
        let bands = ExplorerTestSupport.render(state, width: 120, height: 40).plainText()
        #expect(bands.contains("h = \(word)(W·x + U·h₋₁ + b) = "))
        #expect(!bands.contains("\(other)("))
    }

    @Test func twinsColumnNamesRelu() throws {
        let runs = try [CellKind.rnnRelu, .rnnTanh].map {
            try ExplorerTestSupport.sineRun(ExplorerTestSupport.randomNetwork(kind: $0, input: 2, hidden: 4), steps: 10)
        }
        var state = TwinsState(runs: runs)
        for _ in 0..<3 { _ = state.apply(.stepForward) }
        var buffer = CellBuffer(width: 200, height: 60)
        TwinsFrame(state: state, width: 200, height: 60, mode: .truecolor).render(into: &buffer)
        let screen = buffer.plainText()
        #expect(screen.contains("h = relu(W·x + U·h₋₁ + b)") || screen.contains("h=relu(Wx+Uh+b)"))
        #expect(screen.contains("h = relu("))
        #expect(screen.contains("h = tanh("))
    }
}
