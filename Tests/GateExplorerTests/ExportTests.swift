import GateCanvas
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import GateCore
import GateFormats
@testable import GateExplorer

/// Export: SVG holds the recorded numbers exactly and is well-formed XML; text, ANSI and asciicast output.
@Suite struct ExportTests {
    /// Removes the temporary directory ``recordedTrace()`` made for `path` (every caller defers it).
    static func removeDirectory(containing path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        guard directory.hasPrefix("/tmp/gatescope-export-") else { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A small recorded LSTM trace, written and mapped back like `gatescope render` does, and its path
    /// (in a new temporary directory the caller removes with ``removeDirectory(containing:)``).
    static func recordedTrace() throws -> (MappedTrace, String) {
        var state: UInt64 = 11
        func matrix(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(Int64(bitPattern: state >> 11) % 2000) / 1000 - 1
            })
        }
        let network = RecurrentNetwork(layers: [[.lstm(LSTMWeights(inputWeights: matrix(20, 2), recurrentWeights: matrix(20, 5),
                                                                    inputBias: matrix(1, 20).values, recurrentBias: matrix(1, 20).values))]])
        let trace = try network.run(matrix(13, 2))
        var template = Array("/tmp/gatescope-export-XXXXXX".utf8CString)
        _ = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let path = "\(directory)/t.safetensors"
        try TraceFile.write(trace, network: network, to: path)
        return (try MappedTrace(path: path), path)
    }

    static func panels(_ trace: MappedTrace, rows: Range<Int>, units: [Int]) throws -> [HeatmapPanel] {
        try trace.recordedLayers[0].seriesNames.map { name in
            HeatmapPanel(title: name, series: name,
                         values: HeatmapPanel.columns(units, of: try trace.series(name, layer: 0, reverse: false, rows: rows)),
                         firstStep: rows.lowerBound, units: units)
        }
    }

    /// Every `name="value"` attribute in `text`.
    static func attributes(_ name: String, in text: String) -> [String] {
        text.split(separator: " ").compactMap { piece in
            guard piece.hasPrefix(name + "=\"") else { return nil }
            return String(piece.dropFirst(name.count + 2).prefix { $0 != "\"" })
        }
    }

    @Test func svgHoldsTheRecordedNumbersExactly() throws {
        let (trace, path) = try Self.recordedTrace()
        defer { Self.removeDirectory(containing: path) }
        let units = [0, 2, 3, 4]
        let rows = 2..<11
        let panels = try Self.panels(trace, rows: rows, units: units)
        let svg = HeatmapSVG.document(panels: panels, title: "t <&> \"quoted\"")
        let values = Self.attributes("data-v", in: svg)
        let steps = Self.attributes("data-step", in: svg).compactMap(Int.init)
        let unitsSeen = Self.attributes("data-unit", in: svg).compactMap(Int.init)
        #expect(values.count == panels.count * rows.count * units.count)
        var index = 0
        for name in trace.recordedLayers[0].seriesNames {
            let recorded = try trace.series(name, layer: 0, reverse: false, rows: 0..<trace.steps)
            for step in rows {
                for unit in units {
                    let parsed = try #require(Float(values[index]))
                    #expect(parsed.bitPattern == recorded[step, unit].bitPattern, "\(name) step \(step) unit \(unit)")
                    #expect(steps[index] == step && unitsSeen[index] == unit)
                    index += 1
                }
            }
        }
        #expect(svg.contains("&lt;&amp;&gt; &quot;quoted&quot;"))
        #expect(Self.isWellFormed(svg))
    }

    /// Whether python3 can be run (the skip is reported, never silent).
    static let hasPython = system("python3 -c 'import xml.dom.minidom' 2>/dev/null") == 0

    @Test(.enabled(if: hasPython, "python3 is not installed"))
    func svgParsesWithPython() throws {
        let (trace, path) = try Self.recordedTrace()
        defer { Self.removeDirectory(containing: path) }
        let svg = HeatmapSVG.document(panels: try Self.panels(trace, rows: 0..<trace.steps, units: Array(0..<5)), title: "t")
        let svgPath = path + ".svg"
        try FileBytes.writeAtomically(Array(svg.utf8), to: svgPath)
        let status = system("python3 -c \"import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])\" '\(svgPath)' 2>/dev/null")
        #expect(status == 0, "python's XML parser rejects the SVG")
    }

    /// A tiny XML well-formedness check: tags balance, attributes are quoted, no raw `<` or `&` in text.
    static func isWellFormed(_ xml: String) -> Bool {
        var stack: [Substring] = []
        var rest = Substring(xml)
        if rest.hasPrefix("<?xml") {
            guard let end = rest.range(of: "?>") else { return false }
            rest = rest[end.upperBound...]
        }
        while let open = rest.firstIndex(of: "<") {
            let text = rest[..<open]
            if text.contains(">") { return false }
            for amp in text.indices where text[amp] == "&" {
                let entity = text[amp...].prefix { $0 != ";" }
                if !["&amp", "&lt", "&gt", "&quot", "&apos"].contains(String(entity)) { return false }
            }
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: open)..<close]
            if tag.hasPrefix("/") {
                guard stack.popLast() == tag.dropFirst() else { return false }
            } else if !tag.hasSuffix("/") {
                stack.append(tag.prefix { $0 != " " && $0 != "\n" })
            }
            if tag.filter({ $0 == "\"" }).count % 2 != 0 { return false }
            rest = rest[rest.index(after: close)...]
        }
        return stack.isEmpty && !rest.contains("<")
    }

    @Test func textUsesTheShadeRampWithAxesAndColourBar() throws {
        let (trace, path) = try Self.recordedTrace()
        defer { Self.removeDirectory(containing: path) }
        let panel = try Self.panels(trace, rows: 0..<trace.steps, units: [1, 3])[1]  // forget_gate
        let buffer = HeatmapCanvas.buffer(panels: [panel], halfBlocks: false, mode: .monochrome)
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "forget_gate")
        // Units 1 and 3 of the tensors are labelled 2 and 4: numbered from 1, as on screen.
        #expect(lines[1].hasPrefix("    2 ") && lines[2].hasPrefix("    4 "))
        let ramp = Set(ColorScale.shadeGlyphs)
        #expect(lines[1].dropFirst(6).allSatisfy { ramp.contains($0) })
        for step in 0..<trace.steps {
            let value = panel.values[step, 0]
            let glyph = Array(lines[1].dropFirst(6))
            let expected = ColorScale.sequential.shade(for: Double(value))
            #expect(step >= glyph.count ? expected == " " : glyph[step] == expected)
        }
        #expect(lines[3].hasPrefix("step  ╵1"))
        #expect(lines[4].contains("0.00") && lines[4].contains("1.00"))
    }

    @Test func ansiUsesTrueColourHalfBlocks() throws {
        let (trace, path) = try Self.recordedTrace()
        defer { Self.removeDirectory(containing: path) }
        let panels = try Self.panels(trace, rows: 0..<4, units: [0, 1])
        let buffer = HeatmapCanvas.buffer(panels: panels, halfBlocks: true, mode: .truecolor)
        let text = ANSIText.render(buffer)
        let (r, g, b) = ColorScale.sequential.rgb(for: Double(panels[0].values[0, 0]))
        #expect(text.contains("▀"))
        #expect(text.contains("38;2;\(r);\(g);\(b)"))
        #expect(text.split(separator: "\n").count == buffer.height)
    }

    @Test func aStreamedAsciicastIsByteIdenticalToTheWholeOne() throws {
        let (trace, path) = try Self.recordedTrace()
        defer { Self.removeDirectory(containing: path) }
        var whole = Asciicast(width: 60, height: 20, title: "t")
        var streamed = Asciicast(width: 60, height: 20, title: "t")
        var pieces = streamed.encodedHeader()
        for step in 0..<trace.steps {
            let window = ReplayFrame.window(step: step, first: 0, width: 60)
            let frame = ReplayFrame.render(panels: try Self.panels(trace, rows: window, units: [0, 1, 2]), step: step,
                                           totalSteps: trace.steps, header: "t", width: 60, height: 20)
            whole.appendFrame(frame, at: Double(step) / 10)
            streamed.appendFrame(frame, at: Double(step) / 10)
            pieces += streamed.takeEncodedEvents()
            #expect(streamed.events.isEmpty)
        }
        #expect(pieces == whole.encoded())
        // Only the first frame clears the screen.
        #expect(pieces.components(separatedBy: "\\u001b[2J").count == 2)
    }

    @Test func asciicastHasAHeaderAndOrderedEvents() throws {
        let (trace, path) = try Self.recordedTrace()
        defer { Self.removeDirectory(containing: path) }
        var cast = Asciicast(width: 60, height: 20, title: "a \"b\"")
        for step in 0..<trace.steps {
            let window = ReplayFrame.window(step: step, first: 0, width: 60)
            let frame = ReplayFrame.render(panels: try Self.panels(trace, rows: window, units: [0, 1, 2]), step: step,
                                           totalSteps: trace.steps, header: "t", width: 60, height: 20)
            cast.appendFrame(frame, at: Double(step) / 10)
        }
        let lines = cast.encoded().split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + trace.steps)
        #expect(lines[0].hasPrefix("{\"version\": 2, \"width\": 60, \"height\": 20, \"title\": \"a \\\"b\\\"\""))
        var last = -1.0
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("[") && line.hasSuffix("\"]"))
            let time = try #require(Double(line.dropFirst().prefix { $0 != "," }))
            #expect(time > last)
            last = time
            #expect(line.contains(", \"o\", \""))
            #expect(!line.contains("\u{1B}"))  // escapes are JSON-escaped
        }
        #expect(lines[1].contains("\\u001b[2J"))
        #expect(lines[2].contains("step 2/13"))
    }

    @Test func selectionsParse() throws {
        // Numbered from 1 as on screen, `a:b` inclusive; the ranges returned are 0-based rows.
        #expect(try RenderSelection.steps("3:5", count: 10) == 2..<5)
        #expect(try RenderSelection.steps(":3", count: 10) == 0..<3)
        #expect(try RenderSelection.steps("-2:", count: 10) == 8..<10)
        #expect(try RenderSelection.steps("5", count: 10) == 4..<5)
        #expect(try RenderSelection.steps("1:10", count: 10) == 0..<10)
        #expect(throws: SelectionError.self) { try RenderSelection.steps("5:2", count: 10) }
        #expect(throws: SelectionError.self) { try RenderSelection.steps("0:5", count: 10) }
        #expect(throws: SelectionError.self) { try RenderSelection.steps("1:11", count: 10) }
        #expect(try RenderSelection.units("1,4,6-8", count: 8) == [0, 3, 5, 6, 7])
        #expect(try RenderSelection.units(nil, count: 3) == [0, 1, 2])
        #expect(throws: SelectionError.self) { try RenderSelection.units("9", count: 8) }
        #expect(throws: SelectionError.self) { try RenderSelection.units("0", count: 8) }
        #expect(throws: SelectionError.self) { try RenderSelection.units("a-b", count: 8) }
    }

    @Test func numbersTooLargeToHoldAreCalledTooLargeWithTheValidRange() {
        // 2^64 and more: digits, but more than an Int holds.
        #expect(throws: SelectionError("--steps '1:99999999999999999999': '99999999999999999999' is too large; the trace's steps are 1:10 (or -1 for the last)")) {
            try RenderSelection.steps("1:99999999999999999999", count: 10)
        }
        #expect(throws: SelectionError("--steps '-18446744073709551616': '-18446744073709551616' is too large; the trace's steps are 1:10 (or -1 for the last)")) {
            try RenderSelection.steps("-18446744073709551616", count: 10)
        }
        #expect(throws: SelectionError("--units '2,3-99999999999999999999': '99999999999999999999' is too large; units are 1-8")) {
            try RenderSelection.units("2,3-99999999999999999999", count: 8)
        }
        // Not digits at all is still "not a whole number".
        #expect(throws: SelectionError("--steps '1:x': 'x' is not a whole number; write a:b with steps from 1, e.g. 1:100")) {
            try RenderSelection.steps("1:x", count: 10)
        }
    }
}
