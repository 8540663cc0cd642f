import Testing

@Test func placeholderGateFormatsTests() { #expect(Bool(true)) }
