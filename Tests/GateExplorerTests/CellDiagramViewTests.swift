import Foundation
import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The live cell diagram drawn into a cell buffer from hand-made traces whose numbers are worked out
/// by hand (c = f·c₋₁ + i·g, h = o·tanh c; GRU h = z·h₋₁ + (1−z)·n): whole-buffer snapshots for the
/// LSTM, GRU and RNN pictures, the numbers following the cursor, and every colour mode.
@Suite struct CellDiagramViewTests {
    /// One unit over two steps; step 2 is drawn, so step 1 gives c₋₁ and h₋₁.
    static func state(kind: CellKind, series: [String: [Float]], input: [Float] = [1.5, -2]) -> ExplorerState {
        let layer = LayerTrace(layer: 0, isReverse: false, kind: kind,
                               series: series.mapValues { Matrix(rows: 2, columns: 1, values: $0) })
        let trace = NetworkTrace(input: Matrix(rows: 2, columns: 1, values: input), layers: [layer])
        var state = ExplorerState(run: ExplorerRun(name: "hand", title: "hand-made", trace: trace))
        state.move(to: 1)
        return state
    }

    // Step 1: i 0.5, f 0.8, g 0.6 → c = 0.8·0 + 0.5·0.6 = 0.30, o 0.9 → h = 0.9·tanh 0.3 = 0.26.
    // Step 2: f 0.5, i 1, g −0.4 → f·c₋₁ = 0.15, i·g = −0.40, c = −0.25; tanh c = −0.24, o 0.5 → h = −0.12.
    static let lstm = state(kind: .lstm, series: [
        SeriesName.inputGate: [0.5, 1], SeriesName.forgetGate: [0.8, 0.5], SeriesName.cellCandidate: [0.6, -0.4],
        SeriesName.outputGate: [0.9, 0.5], SeriesName.cell: [0.3, -0.25], SeriesName.hidden: [0.9 * tanhf(0.3), 0.5 * tanhf(-0.25)]])

    static func draw(_ state: ExplorerState, mode: ColorMode = .monochrome, width: Int = 78) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: CellDiagramView.preferredHeight, colorMode: mode)
        CellDiagramView(state: state).draw(into: &buffer, rect: Rect(x: 0, y: 0, width: width, height: CellDiagramView.preferredHeight))
        return buffer
    }

    /// The text with each value's swatch cell (the one before its number) replaced by "■", so the
    /// snapshot reads the same in every colour mode.
    static func text(_ buffer: CellBuffer) -> String {
        var copy = buffer
        for y in 0..<buffer.height {
            for x in 0..<max(0, buffer.width - 6) where buffer[x, y].grapheme != " " && buffer[x, y].grapheme.first?.isLetter != true {
                let field = (1...6).map { buffer[x + $0, y].grapheme }.joined()
                if field.wholeMatch(of: /\ *-?\d+\.\d\d/) != nil { copy[x, y] = Cell("■") }
            }
        }
        return copy.plainText()
    }

    @Test func lstmSnapshot() {
        let expected = """
             cell diagram · LSTM · unit 1 · t=2 · input -2.00

             c₋₁ ■  0.30 ━━━━━━━━(×)━━━━━━━━━━━━━━━(+)━━━━━━━━━━━━━━━━━━┳━━━━━━▶ c ■ -0.25
                                  │ f·c₋₁ ■  0.15   │ i·g ■ -0.40       │
                                  │                 │                 tanh ■ -0.24
                                  │                (×)                  │
                                  │           ┌─────┴─────┐            (×)─────▶ h ■ -0.12
                              ┌───┴───┐   ┌───┴───┐   ┌───┴───┐     ┌───┴───┐
                              │ f  σ  │   │ i  σ  │   │ g tanh│     │ o  σ  │
                              │■  0.50│   │■  1.00│   │■ -0.40│     │■  0.50│
                              └───┬───┘   └───┬───┘   └───┬───┘     └───┬───┘
                                  │           │           │             │
             h₋₁ ■  0.26 ──┬──────┴───────────┴───────────┴─────────────┘
             x   -2.00   ──┘  [h₋₁, x] feeds every gate: σ(W·x + U·h₋₁ + b)
            """
        #expect(Self.text(Self.draw(Self.lstm)) == expected)
    }

    // GRU step 1 h = 0.40; step 2: z 0.25 (1−z = 0.75), n 0.8 → z·h₋₁ = 0.10, (1−z)·n = 0.60, h = 0.70; r 0.3.
    @Test func gruSnapshot() {
        let state = Self.state(kind: .gru, series: [SeriesName.resetGate: [0.1, 0.3], SeriesName.updateGate: [0.5, 0.25],
                                                    SeriesName.candidate: [0.8, 0.8], SeriesName.hidden: [0.4, 0.7]])
        let expected = """
             cell diagram · GRU · unit 1 · t=2 · input -2.00

             h₋₁ ■  0.40 ━━━━━━━━(×)━━━━━━━━━━━━━━━(+)━━━━━━━━━━━━━━━━━━━━━━━━━▶ h ■  0.70
                                  │ z·h₋₁ ■  0.10   │ (1−z)·n ■  0.60
                                  │                 │
                                  │  1−z ■  0.75   (×)
                                  ├───────(1−z)─────┴─────┐
                              ┌───┴───┐   ┌───────┐   ┌───┴───┐
                              │ z  σ  │   │ r  σ  │   │ n tanh│
                              │■  0.25│   │■  0.30│──▶│■  0.80│
                              └───┬───┘   └───┬───┘   └───┬───┘
                                  │           │           │
             h₋₁ ■  0.40 ──┬──────┴───────────┴───────────┘
             x   -2.00   ──┘  [h₋₁, x] feeds z, r and n; n reads r·h₋₁
            """
        #expect(Self.text(Self.draw(state)) == expected)
    }

    // RNN step 2: pre-activation 1.0 → h = tanh 1 = 0.76; h₋₁ = 0.50.
    @Test func rnnSnapshot() {
        let state = Self.state(kind: .rnnTanh, series: [SeriesName.hidden: [0.5, tanhf(1)],
                                                        SeriesName.preactivation(SeriesName.hidden): [0.55, 1]])
        let expected = """
             cell diagram · RNN (tanh) · unit 1 · t=2 · input -2.00

             no belt and no gates: the whole memory is h, rewritten at every step

                                              ┌────────────────────────────────▶ h ■  0.76
                                              │
                              ┌───────────────┴───────────────┐
                              │ h = tanh(W·x + U·h₋₁ + b)     │
                              │ W·x+U·h₋₁+b ■  1.00           │
                              │ tanh →      ■  0.76           │
                              └───────────────┬───────────────┘
                                              │
             h₋₁ ■  0.50 ──┬──────────────────┘
             x   -2.00   ──┘  [h₋₁, x] is all the cell reads
            """
        #expect(Self.text(Self.draw(state)) == expected)
    }

    @Test func numbersFollowTheCursor() {
        var state = Self.lstm
        state.move(to: 0)
        let text = Self.text(Self.draw(state))
        // Step 1 starts from an empty belt: c₋₁ = 0, f·c₋₁ = 0, i·g = 0.5·0.6 = 0.30 = c.
        #expect(text.contains("t=1 · input 1.50") && text.contains("c₋₁ ■  0.00") && text.contains("f·c₋₁ ■  0.00"))
        #expect(text.contains("i·g ■  0.30") && text.contains("▶ c ■  0.30") && text.contains("▶ h ■  0.26"))
    }

    @Test(arguments: ColorMode.allCases)
    func everyColourModeDrawsSwatchesOnTheExplorersScales(mode: ColorMode) {
        let buffer = Self.draw(Self.lstm, mode: mode)
        #expect(Self.text(buffer) == Self.text(Self.draw(Self.lstm)))
        // The f box's swatch (row 9, column 19) is the sequential scale's cell for f = 0.5.
        let expected = ScaleTable(scale: Self.lstm.palette.sequential, mode: mode).cell(upper: 0.5, lower: 0.5)
        #expect(buffer[19, 9] == expected)
    }

    @Test func aStackedLayerSaysItsInputIsTheLayerBelow() {
        var trace = Self.lstm.run.trace
        var upper = trace.layers[0]
        upper.layer = 1
        trace.layers.append(upper)
        var state = ExplorerState(run: ExplorerRun(name: "hand", title: "two layers", trace: trace))
        state.layerPosition = 1
        state.move(to: 1)
        let text = Self.text(Self.draw(state))
        #expect(text.contains("· layer 2 ·") && text.contains(" x   h of L1 ──┘"), "\(text)")
    }

    @Test func clippedToANarrowRectangle() {
        let buffer = Self.draw(Self.lstm, width: 40)
        #expect(buffer.plainText().split(separator: "\n").allSatisfy { $0.count <= 40 })
    }

    @Test func theExplorerDrawsItOnDAndStepsUpdateIt() {
        var state = Self.lstm
        let viewport = ExplorerViewport(unitsPerPage: 1, focusTargets: [])
        _ = state.apply(.toggleDiagram, viewport: viewport)
        var buffer = CellBuffer(width: 80, height: 24)
        ExplorerFrame(state: state, width: 80, height: 24, mode: .truecolor).render(into: &buffer)
        #expect(buffer.plainText().contains("cell diagram · LSTM · unit 1 · t=2"))
        _ = state.apply(.stepBack, viewport: viewport)
        ExplorerFrame(state: state, width: 80, height: 24, mode: .truecolor).render(into: &buffer)
        #expect(buffer.plainText().contains("cell diagram · LSTM · unit 1 · t=1"))
        #expect(ExplorerKeys.command(for: .character("D")) == .toggleDiagram)
    }
}
