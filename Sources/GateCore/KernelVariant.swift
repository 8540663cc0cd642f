import CGateKernels

/// The instruction sets the C kernels are compiled for, and a way to force one on the calling thread so
/// tests can compare every variant with the plain Swift twins.
public enum KernelVariant: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// SSE2, every x86-64 CPU (and the only variant elsewhere).
    case portable = 0
    /// AVX2 with FMA (x86-64-v3).
    case avx2 = 1
    /// AVX-512F.
    case avx512 = 2

    /// The variants this CPU runs, slowest first.
    public static var available: [KernelVariant] {
        allCases.filter { $0.rawValue <= gk_best_variant() }
    }

    /// The variant the kernels use on the calling thread.
    public static var current: KernelVariant {
        KernelVariant(rawValue: gk_variant()) ?? .portable
    }

    /// The name GATESCOPE_KERNELS takes for this variant.
    public var description: String {
        switch self {
        case .portable: "default"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    /// Runs `body` with the kernels forced to `variant` on this thread, then restores the process's choice.
    /// `body` must not suspend (the override belongs to the thread). Precondition: the CPU runs `variant`.
    public static func forcing<Result>(_ variant: KernelVariant, _ body: () throws -> Result) rethrows -> Result {
        precondition(gk_force_variant(variant.rawValue) != 0, "this CPU cannot run the \(variant) kernels")
        defer { _ = gk_force_variant(-1) }
        return try body()
    }
}
