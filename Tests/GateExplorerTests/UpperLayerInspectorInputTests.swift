import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The inspector's title on layer 2 and up names what that layer reads (the layer below's h, or
/// [h→; h←] when bidirectional), with the sequence's input labelled as such; layer 1 keeps "input x".
struct UpperLayerInspectorInputTests {
    @Test(arguments: [false, true])
    func upperLayerTitleNamesTheLayerBelow(bidirectional: Bool) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, layers: 2, bidirectional: bidirectional)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 10))
        state.move(to: 3)
        let first = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines()[0].text
        #expect(first.contains(" · input "), "\(first)")
        #expect(!first.contains("input: layer"), "\(first)")
        while state.layer.layer != 1 || state.layer.isReverse { state.switchLayer(by: 1) }
        let title = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines()[0].text
        #expect(title.contains(bidirectional ? "input: layer 1 [h→; h←]" : "input: layer 1 h"), "\(title)")
        #expect(title.contains("sequence input "), "\(title)")
        #expect(!title.contains(" · input 0") && !title.contains(" · input -") && !title.contains(" · input 1"), "\(title)")
    }
}
