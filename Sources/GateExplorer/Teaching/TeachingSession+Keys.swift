import GateCanvas
import GateCore

extension TeachingSession {
    /// Reacts to a teaching key; nil hands the key on to the explorer.
    public mutating func handle(_ key: Key) -> AppAction? {
        if disabledKeys.contains(key) { return .continue }
        if explorer.showsHelp { return nil }
        if let spatial {
            return spatial.showsHelp ? nil : handleOnSpatialScreen(key)
        }
        if quiz.stopQuestion != nil {
            switch key {
            case .character("A"):
                showsAnswer = true
                quiz.stopAnswerRevealed = true
                return .continue
            case .up, .character("k"), .down, .character("j"):
                showsAnswer = true
                quiz.mark(stopQuestionRight: key == .up || key == .character("k"))
                return .continue
            case .escape:
                quiz.stopQuestion = nil
                return .continue
            case .right, .character("l"), .character(" "):
                message = "the stop's question first: A reveals the answer, ↑/↓ marks it, Esc skips"
                return .continue
            default:
                break
            }
        }
        if let pending = quiz.pending {
            switch key {
            case .up, .character("k"), .down, .character("j"):
                let up = key == .up || key == .character("k")
                // Steps of the whole run: a long run's window may move with the jump.
                explorerSession.jump(to: pending.step + 1)
                let revealed = explorer.layer.value(pending.series, step: explorer.step, unit: pending.unit) ?? pending.value
                quiz.answer(guessUp: up, revealed: revealed)
                return .continue
            case .escape:
                quiz.pending = nil
                return .continue
            case .right, .character("l"), .character(" "):
                return .continue
            default:
                break
            }
        }
        switch key {
        case .character("n") where lesson == nil:
            message = "n and N move through a lesson's stops (gatescope lesson NAME)"
        case .character("N") where lesson == nil:
            break
        case .character("n"), .character("N"), .character("t"), .character("A"):
            return handleStopKey(key)
        case .character("f"):
            view = view == .gradient ? .explorer : .gradient
        case .character("w"):
            view = view == .whatif ? .explorer : .whatif
        case .character("D"):
            view = view == .diagram ? .explorer : .diagram
        case .character("c"), .character("C"):
            clamp(everyStep: key == .character("C"))
        case .character("{"), .character("}"):
            shiftBias(by: key == .character("}") ? 1 : -1)
        case .character("u"):
            undo()
        case .character("z"):
            quiz.isOn.toggle()
            quiz.pending = nil
            quiz.stopQuestion = nil
            message = quiz.isOn ? "quiz on: " + quizPrompt : "quiz off"
            if quiz.isOn { quiz.ask(stop: stopIndex, question: stop?.question) }
        case .character("P"):
            isPresenting.toggle()
        case .right, .character("l"):
            guard quiz.isOn, explorerSession.step + 1 < explorerSession.totalSteps, let panel = quizPanel else { return nil }
            let value = explorer.layer.value(panel.series, step: explorer.step, unit: explorer.selectedUnit) ?? 0
            quiz.pending = QuizQuestion(step: explorerSession.step, unit: explorer.selectedUnit, series: panel.series,
                                        word: panel.word + " " + panel.symbol, value: value)
        default:
            return nil
        }
        return .continue
    }

    /// A teaching key on the ConvLSTM screen: stops, narration and the answer work; the gradient,
    /// what-if, quiz and presenter keys say in one line that they do not apply; the rest go to the screen.
    mutating func handleOnSpatialScreen(_ key: Key) -> AppAction? {
        let notHere: String?
        switch key {
        case .character("n"), .character("N"), .character("t"), .character("A"):
            return handleStopKey(key)
        case .character("f"): notHere = "f: the gradient-flow view does not apply to the ConvLSTM screen"
        case .character("w"), .character("c"), .character("C"), .character("{"), .character("}"), .character("u"):
            notHere = "\(Self.keyName(key)): what-if edits do not apply to the ConvLSTM screen"
        case .character("z"): notHere = "z: the quiz does not apply to the ConvLSTM screen (↑/↓ change channel)"
        case .character("P"): notHere = "P: presenter mode does not apply to the ConvLSTM screen"
        default: notHere = nil
        }
        guard let notHere else { return nil }
        message = notHere
        return .continue
    }

    /// n, N, t, A: the lesson's stop and narration keys.
    private mutating func handleStopKey(_ key: Key) -> AppAction? {
        guard let lesson else { return nil }
        switch key {
        case .character("n"):
            if stopIndex + 1 < lesson.stops.count { open(stop: stopIndex + 1) } else { message = "that was the last stop · N goes back · q quits" }
        case .character("N"):
            if stopIndex > 0 { open(stop: stopIndex - 1) } else { message = "this is the first stop" }
        case .character("t"): showsFullNarration.toggle()
        case .character("A"): showsAnswer.toggle()
        default: return nil
        }
        return .continue
    }

    /// A key as the help shows it.
    static func keyName(_ key: Key) -> String {
        if case .character(let c) = key { return String(c) }
        return "\(key)"
    }

    /// The series a quiz question asks about: the target gate, or h for a plain RNN.
    var quizPanel: PanelKind? { targetPanel ?? explorer.panels.first }

    /// What asks the quiz's question, from the keys that step forward (→ and l) less those a classroom
    /// preset disables: "→ asks for a guess before each step", or that no guess can be asked.
    var quizPrompt: String {
        guard let forward = [(Key.right, "→"), (Key.character("l"), "l")].first(where: { !disabledKeys.contains($0.0) })?.1 else { return "stepping forward is disabled here, so no guess is asked" }
        guard !(disabledKeys.contains(.up) && disabledKeys.contains(.down)) else { return "↑/↓ are disabled here, so no guess can be given" }
        return forward + " asks for a guess before each step"
    }

    mutating func clamp(everyStep: Bool) {
        guard let panel = targetPanel else {
            message = "a plain RNN has no gate to clamp; { and } shift the bias of its unit"
            return
        }
        let current = explorer.layer.value(panel.series, step: explorer.step, unit: explorer.selectedUnit) ?? 0
        let value: Float = panel.isSigned ? 0 : (current >= 0.5 ? 0 : 1)
        edit(Intervention(layer: explorer.layerIndex, isReverse: explorer.isReverse, unit: explorer.selectedUnit,
                          gate: panel.series, action: .clamp(value: value, step: everyStep ? nil : explorerSession.step)))
    }

    mutating func shiftBias(by amount: Float) {
        let series = targetPanel?.series ?? SeriesName.hidden
        edit(Intervention(layer: explorer.layerIndex, isReverse: explorer.isReverse, unit: explorer.selectedUnit,
                          gate: series, action: .shiftBias(amount)))
    }
}
