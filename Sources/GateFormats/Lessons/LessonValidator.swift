import GateCore

/// Checks a parsed lesson against the demos: each stop's demo exists, its step, layer, direction and
/// unit are in range for that demo's model and input, its panel and clamps name things the cell has;
/// a ConvLSTM stop's channel and pixel are within the demo's channels and frame.
public enum LessonValidator {
    /// Every problem, one line each, naming the file and line. `facts(demo, input)` describes the demo
    /// (with the stop's `input:` when given) or throws a message saying why it cannot.
    public static func problems(in lesson: Lesson, file: String? = nil,
                                facts: (String, String?) throws -> LessonDemoFacts) -> [LessonSyntaxError] {
        let file = file ?? lesson.name + ".lesson"
        var result: [LessonSyntaxError] = []
        func report(_ line: Int, _ message: String) { result.append(LessonSyntaxError(file: file, line: line, message: message)) }
        for (index, stop) in lesson.stops.enumerated() {
            let label = "stop \(index + 1)"
            let demo: LessonDemoFacts
            do {
                demo = try facts(stop.demo, stop.input)
            } catch {
                report(stop.line(of: stop.input == nil ? "demo" : "input"), "\(label): \(error)")
                continue
            }
            if let shape = demo.spatial {
                spatialProblems(stop, label: label, demo: demo, shape: shape, report: report)
                continue
            }
            for key in ["channel", "pixel"] where stop.fieldLines[key] != nil {
                report(stop.line(of: key), "\(label): '\(key):' belongs to ConvLSTM stops; '\(stop.demo)' is a \(demo.kind.displayName)")
            }
            if stop.step > demo.steps {
                report(stop.line(of: "step"), "\(label): step \(stop.step) is past the end; '\(stop.demo)' has \(demo.steps) steps")
            }
            if stop.layer > demo.layers {
                report(stop.line(of: "layer"), "\(label): layer \(stop.layer) does not exist; '\(stop.demo)' has \(demo.layers)")
            }
            if stop.isReverse && !demo.isBidirectional {
                report(stop.line(of: "direction"), "\(label): '\(stop.demo)' is not bidirectional; remove 'direction: reverse'")
            }
            if stop.unit > demo.units {
                report(stop.line(of: "unit"), "\(label): unit \(stop.unit) does not exist; '\(stop.demo)' has \(demo.units) units")
            }
            let panels = LessonDemoFacts.panelWords(for: demo.kind)
            if !panels.contains(stop.panel) {
                report(stop.line(of: "panel"), "\(label): a \(demo.kind.displayName) has no panel '\(stop.panel)'; use " + panels.joined(separator: ", "))
            }
            for clamp in stop.clamps {
                let gates = LessonDemoFacts.gateWords(for: demo.kind)
                if !gates.contains(clamp.gate) || (!clamp.isBiasShift && clamp.gate == "hidden") {
                    report(stop.line(of: "clamp"), "\(label): cannot clamp '\(clamp.gate)' of a \(demo.kind.displayName); use " + gates.joined(separator: ", ") + (demo.kind.gateCount == 1 ? " with 'bias'" : ""))
                }
                if let step = clamp.step, step > demo.steps {
                    report(stop.line(of: "clamp"), "\(label): clamp step \(step) is past the end (\(demo.steps) steps)")
                }
            }
            if let twin = stop.twin {
                do {
                    let other = try facts(twin, stop.input)
                    if other.steps != demo.steps {
                        report(stop.line(of: "twin"), "\(label): twin '\(twin)' reads \(other.steps) steps, '\(stop.demo)' \(demo.steps); they must read the same input")
                    }
                } catch {
                    report(stop.line(of: "twin"), "\(label): twin: \(error)")
                }
            }
        }
        return result
    }

    /// A ConvLSTM stop: step, layer, channel and pixel within the demo, a map word for the panel, and
    /// none of the fields that only a recurrent stop has.
    private static func spatialProblems(_ stop: LessonStop, label: String, demo: LessonDemoFacts, shape: SpatialShape,
                                        report: (Int, String) -> Void) {
        if stop.step > demo.steps {
            report(stop.line(of: "step"), "\(label): step \(stop.step) is past the end; '\(stop.demo)' has \(demo.steps) frames")
        }
        if stop.layer > demo.layers {
            report(stop.line(of: "layer"), "\(label): layer \(stop.layer) does not exist; '\(stop.demo)' has \(demo.layers)")
        }
        if let channel = stop.channel, channel > shape.channels {
            report(stop.line(of: "channel"), "\(label): channel \(channel) does not exist; '\(stop.demo)' has \(shape.channels) channels")
        }
        if let pixel = stop.pixel, pixel.row > shape.height || pixel.column > shape.width {
            report(stop.line(of: "pixel"), "\(label): pixel \(pixel.row),\(pixel.column) is outside the \(shape.height)×\(shape.width) frame of '\(stop.demo)'")
        }
        let words = LessonDemoFacts.spatialPanelWords
        if !words.contains(stop.panel) {
            report(stop.line(of: "panel"), "\(label): a ConvLSTM has no panel '\(stop.panel)'; use " + words.joined(separator: ", "))
        }
        for key in ["unit", "direction", "view", "twin", "clamp"] where stop.fieldLines[key] != nil {
            report(stop.line(of: key), "\(label): '\(key):' does not apply to a ConvLSTM stop (use channel: and pixel: ROW,COL)")
        }
    }
}
