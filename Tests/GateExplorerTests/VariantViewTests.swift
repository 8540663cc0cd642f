import GateCanvas
import Foundation
import GateCore
@testable import GateExplorer
import Testing

/// The variants' views rendered into a cell buffer: GRU belt arithmetic, RNN and peephole equations,
/// the all-layers bands (bidirectional, stacked), ConvLSTM maps, and LSTM/GRU/RNN side by side.
@Suite struct VariantViewTests {
    static func text(_ buffer: CellBuffer) -> String { buffer.plainText() }

    static func two(_ v: Float) -> String { String(format: "%.2f", v) }

    static func term(_ v: Float) -> String { v < 0 ? "(" + two(v) + ")" : two(v) }

    @Test func gruBeltArithmeticMatchesAnIndependentComputation() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .gru, input: 2, hidden: 3, seed: 11)
        let run = try ExplorerTestSupport.sineRun(network, steps: 12)
        guard case .gru(let w) = network.layers[0][0] else { Issue.record("not a GRU"); return }
        // PyTorch GRU, written out: r, z = σ(W_i x + b_i + W_h h + b_h); n = tanh(W_in x + b_in + r(W_hn h + b_hn)).
        let hidden = 3, unit = 1, step = 6
        var h = [Float](repeating: 0, count: hidden)
        var last: (previous: Float, z: Float, n: Float, next: Float) = (0, 0, 0, 0)
        for t in 0...step {
            let x = run.trace.input.row(t)
            func dot(_ m: Matrix, _ row: Int, _ v: [Float]) -> Float { (0..<v.count).reduce(0) { $0 + m[row, $1] * v[$1] } }
            var next = h
            for j in 0..<hidden {
                let r = 1 / (1 + exp(-(dot(w.inputWeights, j, x) + w.inputBias[j] + dot(w.recurrentWeights, j, h) + w.recurrentBias[j])))
                let zj = hidden + j, nj = 2 * hidden + j
                let z = 1 / (1 + exp(-(dot(w.inputWeights, zj, x) + w.inputBias[zj] + dot(w.recurrentWeights, zj, h) + w.recurrentBias[zj])))
                let n = tanh(dot(w.inputWeights, nj, x) + w.inputBias[nj] + r * (dot(w.recurrentWeights, nj, h) + w.recurrentBias[nj]))
                next[j] = z * h[j] + (1 - z) * n
                if t == step && j == unit { last = (h[j], z, n, next[j]) }
            }
            h = next
        }
        var state = ExplorerState(run: run)
        state.move(to: step)
        state.select(unit: unit)
        let screen = Self.text(ExplorerTestSupport.render(state, width: 200, height: 60))
        let arrows = "\(Self.two(last.previous)) ─×\(Self.two(last.z))→ \(Self.two(last.z * last.previous)) ─+"
            + "\(Self.term((1 - last.z) * last.n))→ \(Self.two(last.next))"
        #expect(screen.contains("h: " + arrows), "belt line for unit 2 at t=7")
        #expect(screen.contains("kept z·h₋₁"))
        #expect(screen.contains("reset r") && screen.contains("update z") && screen.contains("candidate n"))
        #expect(screen.contains("n = tanh(W_in·x + b_in + r·(W_hn·h₋₁ + b_hn))"))
        #expect(screen.contains("equations · PyTorch GRU"))
    }

    @Test func kerasResetBeforeGRUSaysSo() throws {
        var network = ExplorerTestSupport.randomNetwork(kind: .gru, input: 2, hidden: 3, seed: 5)
        guard case .gru(var w) = network.layers[0][0] else { return }
        w.resetAfter = false
        network.layers[0][0] = .gru(w)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 8))
        state.move(to: 3)
        let lines = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        #expect(lines.contains { $0.contains("Keras GRU reset_after=False") })
        #expect(lines.contains("n = tanh(W_in·x + b_in + W_hn·(r⊙h₋₁) + b_hn)"))
    }

    @Test func rnnInspectorShowsTheThreeParts() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .rnnTanh, input: 2, hidden: 4)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 8))
        state.move(to: 4)
        let lines = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        #expect(lines.contains("h = tanh(W·x + U·h₋₁ + b)"))
        let h = try #require(state.layer.value(SeriesName.hidden, step: 4, unit: state.selectedUnit))
        #expect(lines.contains { $0.hasPrefix("  = tanh(") && $0.hasSuffix("= " + Self.two(h)) })
        #expect(lines.contains { $0.contains("input W·x") && $0.contains("past U·h₋₁") && $0.contains("bias b") })
    }

    @Test func peepholeTermsAppearInTheEquations() throws {
        var generator = SplitMix(seed: 3)
        func matrix(_ r: Int, _ c: Int) -> Matrix {
            Matrix(rows: r, columns: c, values: (0..<(r * c)).map { _ in generator.nextFloat() - 0.5 })
        }
        let peepholes = matrix(3, 2)
        let weights = LSTMWeights(inputWeights: matrix(8, 1), recurrentWeights: matrix(8, 2), inputBias: matrix(1, 8).values,
                                  peepholes: peepholes)
        let network = RecurrentNetwork(layers: [[.lstm(weights)]])
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 6))
        state.move(to: 3)
        state.select(unit: 1)
        let lines = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        #expect(lines.contains("i = σ(W·x + U·h₋₁ + p_i⊙c₋₁ + b)"))
        #expect(lines.contains("f = σ(W·x + U·h₋₁ + p_f⊙c₋₁ + b)"))
        #expect(lines.contains("o = σ(W·x + U·h₋₁ + p_o⊙c + b)"))
        let previousCell = try #require(state.layer.value(SeriesName.cell, step: 2, unit: 1))
        let forget = try #require(state.layer.value(SeriesName.forgetGate, step: 3, unit: 1))
        let expected = "\(Self.two(peepholes[1, 1]))·\(Self.term(previousCell))"
        #expect(lines.contains { $0.contains(expected) && $0.hasSuffix("= " + Self.two(forget)) }, "f's peephole term p_f·c₋₁")
    }

    @Test func bidirectionalBandsShowBothBeltsAndTheOutput() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 3, bidirectional: true)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 20))
        state.setShowsAllLayers(true)
        state.move(to: 9)
        for size in [(80, 24), (200, 60)] {
            let screen = Self.text(ExplorerTestSupport.render(state, width: size.0, height: size.1))
            #expect(screen.contains("layer 1 → forward"), "\(size)")
            #expect(screen.contains("layer 1 ← reverse"), "\(size)")
            #expect(screen.contains("output [h→ ; h←]"), "\(size)")
            #expect(screen.contains("←+"), "the reverse belt reads right to left")
            #expect(screen.contains("─×"), "the forward belt")
        }
        let wide = Self.text(ExplorerTestSupport.render(state, width: 200, height: 60))
        #expect(wide.contains("at t it has seen t…T"))
        let reverse = try #require(state.run.trace.layer(0, reverse: true))
        let belt = try #require(BeltArithmetic(layer: reverse, step: 9, unit: state.selectedUnit))
        #expect(wide.contains("\(Self.two(belt.next)) ←+"))
    }

    @Test func stackedBandsLabelEveryLayerAndTheInspectorFollows() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, layers: 3)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 20))
        _ = state.apply(.toggleAllLayers, viewport: ExplorerViewport(unitsPerPage: 8, focusTargets: [.panel(0)]))
        #expect(state.showsAllLayers)
        state.select(unit: 2)
        for size in [(80, 24), (200, 60)] {
            let screen = Self.text(ExplorerTestSupport.render(state, width: size.0, height: size.1))
            for layer in 1...3 { #expect(screen.contains("layer \(layer) "), "layer \(layer) at \(size)") }
            #expect(screen.components(separatedBy: "◂ inspector").count == 2, "one band is marked")
        }
        _ = state.apply(.nextLayer, viewport: ExplorerViewport(unitsPerPage: 8, focusTargets: [.panel(0)]))
        let lines = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        #expect(lines.first?.hasPrefix("unit 3") == true)
        #expect(lines.contains("layer 2"))
        _ = state.apply(.toggleAllLayers, viewport: ExplorerViewport(unitsPerPage: 8, focusTargets: [.panel(0)]))
        #expect(Self.text(ExplorerTestSupport.render(state)).contains("forget f"))
    }

    @Test func convLSTMMapsShowAKnownChannel() throws {
        // 2 channels of 4×4; channel 2's forget gate is 1 at pixel (0, 0) and 0 elsewhere.
        let shape = SpatialShape(channels: 2, height: 4, width: 4)
        var series: [String: Matrix] = [:]
        for kind in SpatialSeries.all { series[kind.series] = Matrix(rows: 3, columns: shape.count) }
        series[SeriesName.forgetGate]![1, shape.index(channel: 1, y: 0, x: 0)] = 1
        series[SeriesName.cell]![1, shape.index(channel: 1, y: 2, x: 3)] = 0.5
        let trace = NetworkTrace(input: Matrix(rows: 3, columns: 16), layers: [LayerTrace(layer: 0, isReverse: false, kind: .lstm, series: series)])
        let run = SpatialRun(name: "test", title: "t", trace: trace, shapes: [shape], inputShape: SpatialShape(channels: 1, height: 4, width: 4),
                             outputShape: nil, outputIsLogit: true, modelSummary: "ConvLSTM 1→2")
        var state = SpatialExplorerState(run: run)
        _ = state.apply(.stepForward)
        _ = state.apply(.nextChannel)
        state.select(pixelY: 2, pixelX: 3)
        for size in [(80, 24), (200, 60)] {
            let frame = SpatialExplorerFrame(state: state, width: size.0, height: size.1)
            var buffer = CellBuffer(width: size.0, height: size.1, colorMode: .truecolor)
            frame.render(into: &buffer)
            let tile = try #require(frame.tiles.first { $0.content == .series(0) })
            let scale = ExplorerPalette.standard.sequential
            // The upper pixel is the glyph's colour: 1 at the first pixel, 0 at the next.
            #expect(buffer[tile.mapX, tile.mapY].style.foreground == scale.color(for: 1, mode: .truecolor), "\(size)")
            #expect(buffer[tile.mapX + 1 * tile.scale, tile.mapY].style.foreground == scale.color(for: 0, mode: .truecolor))
            let screen = buffer.plainText()
            #expect(screen.contains("channel 2/2"))
            #expect(screen.contains("forget f") && screen.contains("c₋₁") && screen.contains("kept f·c₋₁"))
            #expect(screen.contains("pixel row 3, col 4 of channel 2"))
            #expect(screen.contains("c = f·c₋₁ + i·g = 0.00·0.00 + 0.00·0.00 = 0.50"))
        }
        _ = state.apply(.toggleGrid)
        let grid = SpatialExplorerFrame(state: state, width: 80, height: 24)
        #expect(grid.tiles.filter { if case .channel = $0.content { true } else { false } }.count == 2)
    }

    @Test func sideBySideShowsThreeModelsStepLocked() throws {
        let runs = try [CellKind.lstm, .gru, .rnnTanh].map {
            try ExplorerTestSupport.sineRun(ExplorerTestSupport.randomNetwork(kind: $0, input: 2, hidden: 4), steps: 30)
        }
        var state = TwinsState(runs: runs)
        for _ in 0..<5 { _ = state.apply(.stepForward) }
        for size in [(80, 24), (200, 60)] {
            var buffer = CellBuffer(width: size.0, height: size.1)
            TwinsFrame(state: state, width: size.0, height: size.1, mode: .truecolor).render(into: &buffer)
            let screen = buffer.plainText()
            #expect(screen.contains(" LSTM") && screen.contains(" GRU") && screen.contains(" RNN (tanh)"), "\(size)")
            #expect(screen.components(separatedBy: "▲ t=6").count == 4, "one cursor per model at \(size)")
            #expect(screen.contains("t=6/30"))
        }
        let frame = TwinsFrame(state: state, width: 200, height: 60, mode: .truecolor)
        let gru = try #require(runs[1].trace.layer(0))
        let belt = try #require(BeltArithmetic(layer: gru, step: 5, unit: 0))
        #expect(frame.sumLines(layer: gru, unit: 0).map(\.text).joined().contains("→ h \(Self.two(belt.next))"))
    }
}
