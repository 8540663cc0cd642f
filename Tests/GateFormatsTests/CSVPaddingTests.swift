#if canImport(GateCore)
import GateCore
#endif
import Testing
@testable import GateFormats

/// Padding with tabs reads like padding with spaces.
struct CSVPaddingTests {
    @Test func leadingAndTrailingTabsAreTrimmedLikeSpaces() throws {
        let spaces = try CSVSequence(text: "a,b\n  1, 2 \n 3 ,4\n")
        let tabs = try CSVSequence(text: "a,b\n\t1,\t2\t\n\t3\t,4\n")
        #expect(tabs == spaces)
        #expect(tabs.matrix.values == [1, 2, 3, 4])
    }
}
