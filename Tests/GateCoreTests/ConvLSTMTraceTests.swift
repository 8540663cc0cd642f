import Foundation
import GateCore
import GateFormats
import Testing

/// A ConvLSTM trace goes through the ordinary trace file and keeps its spatial shape.
@Suite struct ConvLSTMTraceTests {
    @Test func traceFileRoundTripsWithSpatialMetadata() throws {
        let expected = try ConvLSTMFixture.expected("convlstm_2layer")
        let network = try ConvLSTMFixture.network("convlstm_2layer", expected: expected)
        let trace = network.run(try ConvLSTMFixture.matrix(expected, "input"))
        let path = NSTemporaryDirectory() + "/convlstm-trace-\(UInt32.random(in: 0...UInt32.max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ConvLSTMTraceWriter.write(trace, network: network, to: path, model: "m")
        let loaded = try TraceFile.read(path: path)
        #expect(loaded.trace.layers.count == 2)
        #expect(loaded.trace.layer(1)?.series[SeriesName.forgetGate] == trace.layer(1)?.series[SeriesName.forgetGate])
        #expect(loaded.trace.output == trace.output)
        #expect(ConvLSTMTraceWriter.spatialShapes(loaded.metadata)
                == [SpatialShape(channels: 3, height: 5, width: 5), SpatialShape(channels: 2, height: 5, width: 5)])
        #expect(loaded.metadata.extra["kernels"] == "3x3,2x2" && loaded.metadata.extra["output_shape"] == "1,5,5")
    }
}
