import Testing

@Test func placeholderGateCoreTests() { #expect(Bool(true)) }
