import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// `/` search: the matches against positions counted by hand, the keys in a session, the marks.
@Suite struct InputSearchTests {
    /// The built-in demo reads "(()(()))((())": "((" starts at characters 0, 3, 8 and 9.
    @Test func bracketsMatchWhereCountedByHand() throws {
        let run = BuiltInDemo.run()
        let found = try InputSearch.find("((", tokens: run.trace.tokens, vocabulary: run.vocabulary, annotations: []).get()
        #expect(found.matches == [0...1, 3...4, 8...9, 9...10])
    }

    @Test func wordVocabulariesJoinWithSpacesAndCaseFoldsOnlyForLowercaseQueries() throws {
        let vocabulary = ["the", "Cat", "sat", "on", "mat"]
        let tokens = [0, 1, 2, 3, 0, 4]   // "the Cat sat on the mat"
        #expect(try InputSearch.find("cat", tokens: tokens, vocabulary: vocabulary, annotations: []).get().matches == [1...1])
        #expect(try InputSearch.find("Cat", tokens: tokens, vocabulary: vocabulary, annotations: []).get().matches == [1...1])
        #expect(try InputSearch.find("CAT", tokens: tokens, vocabulary: vocabulary, annotations: []).get().matches == [])
        #expect(try InputSearch.find("on the", tokens: tokens, vocabulary: vocabulary, annotations: []).get().matches == [3...4])
        #expect(try InputSearch.find("at", tokens: tokens, vocabulary: vocabulary, annotations: []).get().matches == [1...1, 2...2, 5...5])
    }

    @Test func annotationTracksAreSearchedByName() throws {
        let track = AnnotationTrack(name: "pos", values: .labels(["DET", "NOUN", "VERB", "", "NOUN", "NOUN", "NOUNS"]))
        let found = try InputSearch.find("pos:noun", tokens: nil, vocabulary: nil, annotations: [track]).get()
        #expect(found.matches == [1...1, 4...5, 6...6], "a label lasting two steps is one match; another label is another")
        #expect(InputSearch.find("noun", tokens: nil, vocabulary: nil, annotations: [track]) == .failure(.numericInput(tracks: ["pos"])))
        #expect(InputSearch.find("", tokens: [0], vocabulary: ["a"], annotations: []) == .failure(.emptyQuery))
    }

    @Test func nextAndPreviousWrap() {
        let search = InputSearch(query: "x", matches: [2...2, 5...6, 9...9])
        #expect(search.next(after: 2)! == (1, false))
        #expect(search.next(after: 9)! == (0, true))
        #expect(search.previous(before: 5)! == (0, false))
        #expect(search.previous(before: 2)! == (2, true))
    }

    static func session(_ run: ExplorerRun) -> ExplorerSessionApp {
        var app = ExplorerSessionApp(run: run)
        _ = app.handle(.resize(width: 120, height: 40))
        return app
    }

    static func type(_ text: String, into app: inout ExplorerSessionApp) {
        for character in text { _ = app.handle(.key(.character(character))) }
    }

    @Test func slashTypesAQueryEnterJumpsAndNWraps() {
        var app = Self.session(BuiltInDemo.run())
        Self.type("/((", into: &app)
        #expect(app.searchPrompt == "((")
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().split(separator: "\n").last?.hasPrefix(" /((▌   Enter searches") == true)
        _ = app.handle(.key(.enter))
        #expect(app.step == 3)
        #expect(app.message?.hasPrefix("'((' match 2 of 4 at t=4") == true, "\(app.message ?? "")")
        _ = app.handle(.key(.character("n")))
        _ = app.handle(.key(.character("n")))
        #expect(app.step == 9)
        _ = app.handle(.key(.character("n")))
        #expect(app.step == 0)
        #expect(app.message?.contains("wrapped to the start") == true)
        _ = app.handle(.key(.character("N")))
        #expect(app.step == 9)
        #expect(app.message?.contains("wrapped to the end") == true)
    }

    @Test func matchesAreMarkedOnTheTimeAxis() {
        var app = Self.session(BuiltInDemo.run())
        _ = app.handle(.key(.right))
        var before = CellBuffer(width: 120, height: 40)
        app.render(into: &before)
        _ = app.handle(.key(.left))
        Self.type("/()", into: &app)
        _ = app.handle(.key(.enter))
        #expect(app.step == 1)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let layout = app.explorer.layout
        let y = layout.axis.y
        // "()" covers 0-based steps 1–2, 4–5 and 10–11 of (()(()))((()); marks go where the axis and
        // both neighbours are blank; the input characters of every match are underlined.
        let covered = [1, 2, 4, 5, 10, 11]
        func blank(_ x: Int) -> Bool { before[x, y].grapheme == " " }
        for step in 0..<13 {
            guard let column = layout.timeWindow.column(of: step) else { continue }
            let x = layout.heatmapX + column
            let expected = covered.contains(step) && blank(x - 1) && blank(x) && blank(x + 1)
            #expect((buffer[x, y].grapheme == "▴") == expected, "step \(step)")
            let input = buffer[x, layout.input.y]
            #expect(input.style.underline == (covered.contains(step) && step != app.step), "input at step \(step)")
        }
        #expect(buffer.plainText().split(separator: "\n")[y].filter { $0 == "▴" }.count >= 2)
    }

    @Test func numericInputSaysSoAndKeysStillWork() throws {
        let run = try ExplorerTestSupport.sineRun(ExplorerTestSupport.randomNetwork(kind: .gru, input: 1, hidden: 3))
        var app = Self.session(run)
        Self.type("/1", into: &app)
        _ = app.handle(.key(.enter))
        #expect(app.message?.contains("this input is numbers, not text") == true)
        #expect(app.step == 0)
        _ = app.handle(.key(.character("n")))
        #expect(app.message == "no search yet: / searches the input")
        Self.type("/x", into: &app)
        _ = app.handle(.key(.escape))
        #expect(app.searchPrompt == nil && app.message == nil)
    }
}
