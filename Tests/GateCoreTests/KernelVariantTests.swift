import CGateKernels
import Foundation
import Testing
@testable import GateCore

/// Every C kernel under every instruction-set variant this CPU runs (AVX-512, AVX2, SSE2), against its plain
/// Swift twin: without forcing, a machine only ever tests its best variant.
struct KernelVariantTests {
    /// The variant the CPU's own flags (/proc/cpuinfo) say is the best, found without the kernels' detection.
    static func bestVariantFromCPUInfo() throws -> KernelVariant {
        #if os(Linux) && arch(x86_64)
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(line.split(separator: " ").map(String.init))
        if flags.contains("avx512f") { return .avx512 }
        // x86-64-v3: AVX2, FMA, BMI1/2, F16C, LZCNT (abm), MOVBE, XSAVE.
        let v3: Set = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "abm", "movbe", "xsave"]
        return v3.isSubset(of: flags) ? .avx2 : .portable
        #else
        return .portable
        #endif
    }

    @Test func theBestVariantIsTheOneTheCPUReports() throws {
        #expect(KernelVariant.available.last == (try Self.bestVariantFromCPUInfo()))
        #expect(KernelVariant.available.first == .portable)
    }

    @Test(arguments: KernelVariant.available)
    func forcingAVariantHoldsUntilTheBodyEnds(variant: KernelVariant) {
        let before = KernelVariant.current
        KernelVariant.forcing(variant) { #expect(KernelVariant.current == variant) }
        #expect(KernelVariant.current == before)
    }

    @Test func aVariantTheCPUCannotRunIsNotForced() {
        let unavailable = KernelVariant.allCases.filter { !KernelVariant.available.contains($0) }
        for variant in unavailable {
            #expect(gk_force_variant(variant.rawValue) == 0)
            #expect(KernelVariant.current != variant)
        }
        #expect(gk_force_variant(Int32(KernelVariant.allCases.count)) == 0)
    }

    @Test(arguments: KernelVariant.available)
    func forwardKernelsMatchTheirTwins(variant: KernelVariant) {
        KernelVariant.forcing(variant) {
            let kernels = KernelTests()
            for (rows, columns) in KernelTests.matVecSizes { kernels.matVecMatchesPlainSwift(rows: rows, columns: columns) }
            kernels.matVecBandTouchesOnlyItsRows()
            for (steps, rows, columns) in KernelTests.projectionSizes {
                kernels.projectSequenceMatchesPlainSwift(steps: steps, rows: rows, columns: columns)
            }
            let cells = FastPathTests()
            for (input, hidden, projection, peepholes, clip, coupled) in FastPathTests.lstmCases {
                cells.fastLSTMMatchesReference(input: input, hidden: hidden, projection: projection,
                                               peepholes: peepholes, clip: clip, coupled: coupled)
            }
            for (input, hidden, resetAfter) in FastPathTests.gruCases {
                cells.fastGRUMatchesReference(input: input, hidden: hidden, resetAfter: resetAfter)
            }
            for relu in [false, true] { cells.fastRNNMatchesReference(relu: relu) }
        }
    }

    @Test(arguments: KernelVariant.available)
    func trainingKernelsMatchTheirTwins(variant: KernelVariant) {
        KernelVariant.forcing(variant) {
            let kernels = BackpropKernelTests()
            for (a, b, steps) in BackpropKernelTests.outerSumSizes {
                kernels.outerSumMatchesPlainSwift(aColumns: a, bColumns: b, steps: steps)
            }
            for (steps, rows, columns) in BackpropKernelTests.productSizes {
                kernels.productMatchesPlainSwift(steps: steps, rows: rows, columns: columns)
            }
            for (input, hidden) in BackpropKernelTests.lstmBackwardSizes {
                kernels.lstmBackwardMatchesPlainSwift(input: input, hidden: hidden)
            }
            kernels.adamMatchesPlainSwiftOverSeveralSteps()
            kernels.clippingAnOddLengthGradientMatchesItsNorm()
        }
    }
}
