import Testing
import GateCore
import GateFormats

/// Every golden fixture: import the model file, run it, and compare every stored tensor to ≤ 1e-5.
struct GoldenTests {
    @Test(arguments: GoldenFixture.cases)
    func matchesPyTorch(_ name: String) throws {
        let expected = try GoldenFixture.expected(name)
        let metadata = expected.metadata
        var options = ModelImportOptions()
        if name.hasPrefix("two_modules") { options.prefix = metadata["prefix"] }
        if metadata["kind"] == "rnn_relu" { options.nonlinearity = .relu }
        let imported = try ModelImporter.importModel(path: GoldenFixture.modelPath(name, expected: expected), options: options)
        let network = imported.network
        #expect(imported.module.prefix == metadata["prefix"])
        #expect(imported.headPrefix ?? "" == metadata["head"] ?? "")
        #expect(network.kind.rawValue == metadata["kind"])
        #expect("\(network.layers.count)" == metadata["layers"])
        #expect(network.isBidirectional == (metadata["bidirectional"] == "true"))

        let input = try GoldenFixture.matrix(expected, "input")
        let trace: NetworkTrace
        if expected.names.contains("tokens") {
            let tokens = try GoldenFixture.matrix(expected, "tokens").values.map { Int($0) }
            let embedded = try network.encode(tokens: tokens)
            #expect(embedded.maxAbsDifference(input) == 0)
            trace = try network.run(embedded, tokens: tokens)
        } else {
            trace = try network.run(input)
        }
        var compared = 0
        for tensorName in expected.names where tensorName != "input" && tensorName != "tokens" {
            let want = try GoldenFixture.matrix(expected, tensorName)
            let got: Matrix?
            if tensorName == "output" {
                got = trace.output
            } else {
                let dot = tensorName.firstIndex(of: ".")!
                let key = tensorName[..<dot], series = String(tensorName[tensorName.index(after: dot)...])
                let reverse = key.hasSuffix("_reverse")
                let layer = Int(key.dropFirst().prefix { $0.isNumber })!
                got = trace.layer(layer, reverse: reverse)?.series[series]
            }
            guard let got else {
                Issue.record("\(name): gatescope has no \(tensorName)")
                continue
            }
            let difference = got.maxAbsDifference(want)
            #expect(difference <= 1e-5, "\(name): \(tensorName) differs by \(difference)")
            compared += 1
        }
        #expect(compared >= 1)
        #expect((trace.output != nil) == expected.names.contains("output"))
    }
}
