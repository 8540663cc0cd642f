import Testing
import GateExplorer

/// A made-up process: an environment, a program path, a current directory and a set of files.
private struct FakeWorld: DemoLookupWorld {
    var environment: [String: String] = [:]
    var executablePath: String?
    var currentDirectory = "/home/ann/work"
    var files: Set<String> = []
    func fileExists(_ path: String) -> Bool { files.contains(path) }
}

/// The demos directory lookup order (docs/user-guide.md "Where things go").
@Suite struct DemoLookupTests {
    @Test func candidatesComeInTheDocumentedOrder() {
        let world = FakeWorld(environment: ["GATESCOPE_DEMOS": "/x/demos"],
                              executablePath: "/opt/tools/bin/gatescope", currentDirectory: "/c")
        let candidates = DemoLookup(world: world).candidates
        #expect(Array(candidates.prefix(4)) == [
            DemoLocation(directory: "/opt/tools/share/gatescope/demos", origin: .installed),
            DemoLocation(directory: "/x/demos", origin: .environment),
            DemoLocation(directory: "/c/demos", origin: .currentDirectory),
            DemoLocation(directory: "/opt/tools/bin/demos", origin: .besideProgram),
        ])
        #expect(candidates.map(\.directory).suffix(3) == ["/opt/tools/demos", "/opt/demos", "/demos"])
    }

    @Test func theInstalledShareDirectoryWinsOverTheEnvironment() {
        let world = FakeWorld(environment: ["GATESCOPE_DEMOS": "/x/demos"], executablePath: "/p/bin/gatescope",
                              files: ["/x/demos/catalog.tsv", "/p/share/gatescope/demos/catalog.tsv"])
        #expect(DemoLookup(world: world).find()?.directory == "/p/share/gatescope/demos")
    }

    @Test func aMovedPrefixIsFoundFromTheProgramsNewPlace() {
        let world = FakeWorld(executablePath: "/media/usb/moved prefix/bin/gatescope",
                              files: ["/media/usb/moved prefix/share/gatescope/demos/catalog.tsv"])
        #expect(DemoLookup(world: world).find() ==
                DemoLocation(directory: "/media/usb/moved prefix/share/gatescope/demos", origin: .installed))
    }

    @Test func theEnvironmentComesBeforeTheCurrentDirectoryAndIsResolvedAgainstIt() {
        let world = FakeWorld(environment: ["GATESCOPE_DEMOS": "../shared/demos"], executablePath: "/usr/bin/gatescope",
                              currentDirectory: "/home/ann/work",
                              files: ["/home/ann/shared/demos/catalog.tsv", "/home/ann/work/demos/catalog.tsv"])
        #expect(DemoLookup(world: world).find() == DemoLocation(directory: "/home/ann/shared/demos", origin: .environment))
    }

    @Test func aCheckoutBuildFindsTheCheckoutsDemos() {
        let world = FakeWorld(executablePath: "/src/gatescope/.build/x86_64-unknown-linux-gnu/debug/gatescope",
                              currentDirectory: "/",
                              files: ["/src/gatescope/demos/catalog.tsv"])
        #expect(DemoLookup(world: world).find() == DemoLocation(directory: "/src/gatescope/demos", origin: .besideProgram))
    }

    @Test func theCurrentDirectoryComesBeforeTheCheckout() {
        let world = FakeWorld(executablePath: "/src/g/.build/debug/gatescope", currentDirectory: "/w",
                              files: ["/src/g/demos/catalog.tsv", "/w/demos/catalog.tsv"])
        #expect(DemoLookup(world: world).find()?.directory == "/w/demos")
    }

    @Test func nothingFoundSaysEveryPlaceLookedIn() throws {
        let world = FakeWorld(environment: ["GATESCOPE_DEMOS": "/nowhere"], executablePath: "/p/bin/gatescope",
                              currentDirectory: "/c")
        let failure = try #require(throws: DemoLookupFailure.self) { try DemoLookup(world: world).require() }
        let message = failure.description
        for place in ["/p/share/gatescope/demos", "/nowhere", "/c/demos", "/p/bin/demos", "GATESCOPE_DEMOS"] {
            #expect(message.contains(place), "mentions \(place)")
        }
        #expect(!message.contains("\n"))
    }

    @Test func noProgramPathStillTriesTheEnvironmentAndCurrentDirectory() {
        let world = FakeWorld(environment: ["GATESCOPE_DEMOS": "/e"], executablePath: nil, currentDirectory: "/c")
        #expect(DemoLookup(world: world).candidates.map(\.directory) == ["/e", "/c/demos"])
    }
}
