import Testing

@Test func placeholderGateExplorerTests() { #expect(Bool(true)) }
