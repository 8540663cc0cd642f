import GateCore
import Testing

/// The task generators make what their descriptions say, reproducibly.
@Suite struct TasksGeneratorTests {
    @Test func bracketTargetsAreTheDepth() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<50 {
            let example = BracketsTask().trainingExample(random: &random)
            guard case .classes(let depths) = example.target, let tokens = example.tokens else { Issue.record("no classes"); return }
            var depth = 0
            for (t, token) in tokens.enumerated() {
                depth += token == 0 ? 1 : -1
                #expect(depth >= 0 && depth <= 8 && depths[t] == depth)
            }
        }
        #expect(BracketsTask().heldOutExamples().allSatisfy { $0.input.rows >= 60 })
    }

    @Test func addingHasTwoMarkersAndTheirSum() {
        var random = SplitMix64(seed: 2)
        for _ in 0..<50 {
            let example = AddingTask().trainingExample(random: &random)
            guard case .values(let target, let mask) = example.target else { Issue.record("no values"); return }
            let marked = (0..<example.input.rows).filter { example.input[$0, 1] == 1 }
            #expect(marked.count == 2)
            #expect(mask.filter { $0 }.count == 1 && mask.last == true)
            let sum = marked.map { example.input[$0, 0] }.reduce(0, +)
            #expect(abs(target[target.rows - 1, 0] - sum) < 1e-6)
        }
    }

    @Test func reberStreamsFollowTheGrammar() {
        var random = SplitMix64(seed: 3)
        let example = ReberTask().trainingExample(random: &random)
        let tokens = example.tokens!, allowed = example.allowedNext!
        for t in 0..<(tokens.count - 1) { #expect(allowed[t].contains(tokens[t + 1])) }
        // Each embedded string repeats its branch symbol before the final E.
        let text = Array(ReberTask().render(tokens: tokens))
        #expect(text.first == "B" && text.last == "E")
        var start = 0
        for t in text.indices where text[t] == "E" && (t + 1 == text.count || text[t + 1] == "B") {
            #expect(text[start + 1] == text[t - 1], "branch symbol repeated before the final E")
            start = t + 1
        }
        #expect(start == text.count)
    }

    @Test func temporalOrderClassMatchesTheSymbols() {
        var random = SplitMix64(seed: 4)
        for _ in 0..<30 {
            let example = TemporalOrderTask().trainingExample(random: &random)
            let text = TemporalOrderTask().render(tokens: example.tokens!)
            let symbols = text.filter { $0 == "X" || $0 == "Y" }
            guard case .classes(let classes) = example.target else { return }
            #expect(["XX", "XY", "YX", "YY"][classes.last!] == String(symbols))
        }
    }

    @Test func generatorsAreSeeded() {
        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
        for task in [BracketsTask() as any TrainingTask, AddingTask(), TemporalOrderTask(), ReberTask(), SineTask()] {
            #expect(task.trainingExample(random: &a) == task.trainingExample(random: &b))
            #expect(task.heldOutExamples() == task.heldOutExamples())
        }
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        // SplitMix64 from seed 0 (Vigna's reference implementation).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
