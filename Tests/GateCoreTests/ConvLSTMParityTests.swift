import GateCore
import GateFormats
import Testing

/// ConvLSTM against the independent numpy float64 reference (cross-checked with PyTorch conv2d):
/// odd and even kernels, peepholes, two layers, Keras ConvLSTM2D layout and gatescope's own.
@Suite struct ConvLSTMParityTests {
    @Test(arguments: ConvLSTMFixture.cases)
    func everySeriesMatchesTheReference(_ name: String) throws {
        let expected = try ConvLSTMFixture.expected(name)
        let network = try ConvLSTMFixture.network(name, expected: expected)
        let input = try ConvLSTMFixture.matrix(expected, "input")
        let trace = network.run(input)
        var compared = 0
        for layer in trace.layers {
            for (series, matrix) in layer.series {
                let reference = try ConvLSTMFixture.matrix(expected, "\(layer.key).\(series)")
                let difference = matrix.maxAbsDifference(reference)
                #expect(difference <= 1e-5, "\(name) \(layer.key).\(series): \(difference)")
                compared += 1
            }
        }
        #expect(compared == 10 * network.layers.count)
        if expected.names.contains("output") {
            let output = try #require(trace.output)
            let difference = output.maxAbsDifference(try ConvLSTMFixture.matrix(expected, "output"))
            #expect(difference <= 1e-5, "\(name) output: \(difference)")
        } else {
            #expect(trace.output == nil)
        }
    }

    @Test(arguments: ConvLSTMFixture.cases)
    func fastPathMatchesThePlainTwin(_ name: String) throws {
        let expected = try ConvLSTMFixture.expected(name)
        let network = try ConvLSTMFixture.network(name, expected: expected)
        var input = try ConvLSTMFixture.matrix(expected, "input")
        for layer in network.layers {
            let fast = layer.run(input, height: network.height, width: network.width).series
            let plain = layer.referenceRun(input, height: network.height, width: network.width)
            for (series, matrix) in plain {
                #expect(matrix.maxAbsDifference(fast[series]!) <= 1e-5, "\(name) \(series)")
            }
            input = plain[SeriesName.hidden]!
        }
    }

    @Test func kerasChannelsLastFramesConvert() throws {
        let expected = try ConvLSTMFixture.expected("convlstm_k3")
        let channelsLast = try ConvLSTMFixture.matrix(expected, "input_channels_last")
        let converted = ConvLSTMImporter.channelFirst(channelsLast, height: 5, width: 6, channels: 2)
        #expect(converted == (try ConvLSTMFixture.matrix(expected, "input")))
    }

    @Test func evenKernelsPadLikeKeras() {
        #expect(SamePadding(kernel: 1).before == 0 && SamePadding(kernel: 1).after == 0)
        #expect(SamePadding(kernel: 2).before == 0 && SamePadding(kernel: 2).after == 1)
        #expect(SamePadding(kernel: 3).before == 1 && SamePadding(kernel: 3).after == 1)
        #expect(SamePadding(kernel: 4).before == 1 && SamePadding(kernel: 4).after == 2)
        #expect(SamePadding(kernel: 5).before == 2 && SamePadding(kernel: 5).after == 2)
    }

    @Test func kerasImportFindsLayersAndHead() throws {
        let expected = try ConvLSTMFixture.expected("convlstm_2layer")
        let network = try ConvLSTMFixture.network("convlstm_2layer", expected: expected)
        #expect(network.layers.map(\.hiddenChannels) == [3, 2])
        #expect(network.layers.map(\.kernelHeight) == [3, 2])
        #expect(network.spatialShape(layer: 1) == SpatialShape(channels: 2, height: 5, width: 5))
        #expect(network.outputShape == SpatialShape(channels: 1, height: 5, width: 5))
        #expect(network.summary == "ConvLSTM 1→3→2 3×3 on 5×5, 2 layers, head 1×1 2→1")
    }

    @Test func exportRoundTrips() throws {
        for name in ConvLSTMFixture.cases {
            let expected = try ConvLSTMFixture.expected(name)
            var network = try ConvLSTMFixture.network(name, expected: expected)
            network.metadata["task"] = "test"
            let bytes = try ConvLSTMExporter.serialize(network)
            let file = try SafeTensors(bytes: bytes, source: "memory")
            #expect(ConvLSTMImporter.isConvLSTM(file))
            let back = try ConvLSTMImporter.load(from: file, source: "memory")
            #expect(back == network, "\(name)")
        }
    }

    @Test func missingFrameSizeIsExplained() throws {
        let path = GoldenFixture.path("convlstm_k3.model")
        #expect(ConvLSTMImporter.isConvLSTM(try SafeTensors(path: path)))
        do {
            _ = try ConvLSTMImporter.load(path: path)
            Issue.record("expected an error")
        } catch let error as FormatError {
            #expect(error.description.contains("no frame height"))
        }
    }

    @Test func ordinaryModelsAreNotConvLSTM() throws {
        // A real Keras LSTM's weights, saved by their variable paths (scripts/make_keras_fixtures.py).
        let kerasLSTM = GoldenFixture.directory + "/../../GateFormatsTests/Fixtures/keras/lstm.paths.safetensors"
        #expect(!ConvLSTMImporter.isConvLSTM(try SafeTensors(path: kerasLSTM)))
        #expect(!ConvLSTMImporter.isConvLSTM(try SafeTensors(path: GoldenFixture.path("lstm_4x6_head.model"))))
    }
}
