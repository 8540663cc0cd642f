import GateCore
import GateFormats
import Testing

/// The lines `gatescope inspect` can print for ConvLSTM files.
@Suite struct ConvLSTMDescriptionTests {
    @Test func describesOwnAndKerasFiles() throws {
        let own = try SafeTensors(path: GoldenFixture.path("convlstm_peephole.model"))
        let lines = ConvLSTMDescription.lines(file: own, source: "p.safetensors")
        #expect(lines[0] == "p.safetensors: ConvLSTM, gatescope layout, 6 tensors")
        #expect(lines[1] == "network:     ConvLSTM 2→3 3×3 on 4×4, peepholes, head 1×1 3→2")
        let keras = try SafeTensors(path: GoldenFixture.path("convlstm_k3.model"))
        let kerasLines = ConvLSTMDescription.lines(file: keras, source: "k")
        #expect(kerasLines[0] == "k: ConvLSTM, Keras ConvLSTM2D layout, 3 tensors")
        #expect(kerasLines[1].hasPrefix("network:     not loaded:") && kerasLines[1].contains("frame height"))
    }
}
