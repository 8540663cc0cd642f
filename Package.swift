// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gatescope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gatescope", targets: ["gatescope"]),
        .library(name: "GateCore", targets: ["GateCore"]),
        .library(name: "GateFormats", targets: ["GateFormats"]),
        .library(name: "GateCanvas", targets: ["GateCanvas"]),
        .library(name: "GateExplorer", targets: ["GateExplorer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Hot numeric kernels in C, each compiled for AVX-512, AVX2 and SSE2 and picked by CPU detection,
        // which Swift cannot do without unsafe flags. Compared against plain Swift in GateCoreTests,
        // under every variant the CPU runs.
        .target(name: "CGateKernels"),
        .target(name: "GateCore", dependencies: ["CGateKernels"]),
        // zlib inflates deflated zip entries (torch.save archives, .keras files) and checks their CRC-32.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Keras .keras/.weights.h5/.h5 files are HDF5, read through the HDF5 C library (Debian libhdf5-dev).
        // No pkgConfig: SwiftPM would drop its cflags with a warning; shim.h names the header by full path.
        .systemLibrary(name: "CHDF5", providers: [.apt(["libhdf5-dev"])]),
        .target(name: "GateFormats", dependencies: ["GateCore", "CZlib", "CHDF5"]),
        // The cell buffer, styles, colour scales, widgets, key maps and the Terminal/TerminalApp protocols:
        // everything a screen is drawn with, and nothing about recurrent networks.
        .target(name: "GateCanvas"),
        .target(name: "GateExplorer", dependencies: ["GateCore", "GateCanvas"]),
        // No pkgConfig: SwiftPM would drop its cflags with a warning; shim.h defines what they set.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "GateTerminal", dependencies: ["CNcursesw", "GateCanvas"]),
        .executableTarget(
            name: "gatescope",
            dependencies: [
                "GateCore", "GateFormats", "GateCanvas", "GateExplorer", "GateTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gatescope-bench",
            dependencies: ["GateCore", "GateCanvas", "GateExplorer", "GateFormats"]
        ),
        .executableTarget(name: "canvas-demo", dependencies: ["GateCanvas", "GateTerminal"]),
        .testTarget(name: "GateCoreTests", dependencies: ["GateCore", "GateFormats"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GateFormatsTests", dependencies: ["GateFormats", "GateCore"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "GateExplorerTests", dependencies: ["GateExplorer", "GateCanvas", "GateCore", "GateFormats"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
