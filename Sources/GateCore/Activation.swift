#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The elementwise functions of the cells, written once so every path uses the same formula.
public enum Activation {
    /// The logistic sigmoid σ(x) = 1 / (1 + e^−x).
    @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    /// The hyperbolic tangent.
    @inline(__always)
    public static func tanh(_ x: Float) -> Float { tanhf(x) }

    /// The rectifier max(0, x).
    @inline(__always)
    public static func relu(_ x: Float) -> Float { x > 0 ? x : 0 }

    /// The natural logarithm (for time constants).
    @inline(__always)
    public static func log(_ x: Float) -> Float { logf(x) }

    /// e^x.
    @inline(__always)
    public static func exp(_ x: Float) -> Float { expf(x) }
}
