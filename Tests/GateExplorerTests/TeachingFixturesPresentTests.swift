import Testing
@testable import GateExplorer

/// The teaching tests take their cases from the shipped demos; a missing demos folder must fail
/// here instead of leaving those parameterised tests with zero cases.
struct TeachingFixturesPresentTests {
    @Test func theDemoCatalogAndLessonsAreFound() {
        #expect(TeachingTestSupport.catalog.entries.count >= 8, "demos/catalog.tsv at \(TeachingTestSupport.demos)")
        #expect(TeachingTestSupport.lessonPaths.count >= 8, "demos/lessons at \(TeachingTestSupport.demos)")
    }
}
