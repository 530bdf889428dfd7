using System.Runtime.CompilerServices;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// A vector of <see cref="Count"/> doubles: what a kernel needs from one SIMD width. Kernels are
/// written once as generic methods over it; the JIT compiles one copy per width (struct type
/// arguments are never shared), so each call is the width's own instruction.
/// </summary>
internal interface IVec<TSelf> where TSelf : struct, IVec<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Load(double[] a, int i);
    static abstract unsafe TSelf Load(double* p);
    void Store(double[] a, int i);
    static abstract TSelf Create(double x);
    static abstract TSelf Zero { get; }

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);

    /// <summary>a·b + c, rounded once.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);

    /// <summary>x clamped below at lo for exp's argument; NaN gives lo on every path.</summary>
    static abstract TSelf AtLeast(TSelf x, TSelf lo);

    /// <summary>x clamped to [lo, hi] for exp's argument.</summary>
    static abstract TSelf Clamp(TSelf x, TSelf lo, TSelf hi);

    /// <summary>Round to nearest, ties to even.</summary>
    static abstract TSelf Round(TSelf x);

    /// <summary>The double whose bits are those of <paramref name="biased"/> (an integer + 2^52, as double) shifted left by 52.</summary>
    static abstract TSelf ShiftIntoExponent(TSelf biased);

    /// <summary>The biased exponent field of x as (field | 2^52's bits), reinterpreted as a double.</summary>
    static abstract TSelf ExponentField(TSelf x);

    /// <summary>x's mantissa with the exponent of 1.0: a double in [1, 2).</summary>
    static abstract TSelf Mantissa(TSelf x);

    /// <summary>Where a &gt; b, <paramref name="ifTrue"/>, else <paramref name="ifFalse"/>.</summary>
    static abstract TSelf SelectGreater(TSelf a, TSelf b, TSelf ifTrue, TSelf ifFalse);

    /// <summary>Whether any lane is ≤ 0 (or NaN is not: NaN compares false).</summary>
    static abstract bool AnyAtMostZero(TSelf x);

    /// <summary>
    /// NEURON's table coordinate (docs/dev/mechanisms.md §3) clamped to [0, n] (NaN to 0): writes each
    /// lane's lower grid point ×2 (its offset in a pair table) and returns θ = ξ − ⌊ξ⌋.
    /// </summary>
    static abstract TSelf Locate(TSelf xi, double n, ref LaneOffsets offsets);

    /// <summary>Per lane j, p[offsets[j]] (first) and p[offsets[j] + 1] (second).</summary>
    static abstract unsafe void LoadPairs(double* p, ref readonly LaneOffsets offsets, out TSelf first, out TSelf second);

    double this[int lane] { get; }
}

/// <summary>
/// One int per lane of the widest path. Plain fields, not an inline array: their reads cost the
/// JIT no inlining, and the gating loops are near its inlining budget.
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
internal struct LaneOffsets
{
    public int I0, I1, I2, I3, I4, I5, I6, I7;
}
