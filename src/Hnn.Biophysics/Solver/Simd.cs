using System.Runtime.CompilerServices;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The vector kernels every mechanism shares, once for every width (<see cref="IVec{TSelf}"/>): an exp
/// accurate to 2 ulp (the library's vector exp is no faster than the scalar one here), a log
/// within 4 ulp, and NEURON's table interpolation. Each width evaluates the same operations in
/// the same order, so every path gives the same doubles (docs/dev/kernels.md §2).
/// </summary>
internal static unsafe class Simd
{
    /// <summary>
    /// e^x per lane, within 2 ulp of glibc's exp: x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by its
    /// degree-13 Taylor polynomial (truncation &lt; 1e-17) evaluated in Estrin's scheme (short
    /// dependency chains), times 2^k built in the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<TV>(TV x) where TV : struct, IVec<TV> =>
        ExpClamped(TV.Clamp(x, TV.Create(-708.39), TV.Create(709.78)));

    /// <summary>Exp for x ≤ 0 (cnexp's −dt/τ): only the lower clamp is needed, the same doubles as <see cref="Exp{TV}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV ExpOfNonPositive<TV>(TV x) where TV : struct, IVec<TV> =>
        ExpClamped(TV.AtLeast(x, TV.Create(-708.39)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpClamped<TV>(TV x) where TV : struct, IVec<TV>
    {
        var k = TV.Round(x * TV.Create(1.4426950408889634));
        var r = TV.Fma(-k, TV.Create(6.93147180369123816490e-01), x);
        r = TV.Fma(-k, TV.Create(1.90821492927058770002e-10), r);
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var q0 = r + TV.Create(1.0); // fma(r, 1, 1), as an add (off the FMA pipes)
        var q1 = TV.Fma(r, TV.Create(1.0 / 6), TV.Create(0.5));
        var q2 = TV.Fma(r, TV.Create(1.0 / 120), TV.Create(1.0 / 24));
        var q3 = TV.Fma(r, TV.Create(1.0 / 5040), TV.Create(1.0 / 720));
        var q4 = TV.Fma(r, TV.Create(1.0 / 362880), TV.Create(1.0 / 40320));
        var q5 = TV.Fma(r, TV.Create(1.0 / 39916800), TV.Create(1.0 / 3628800));
        var q6 = TV.Fma(r, TV.Create(1.0 / 6227020800.0), TV.Create(1.0 / 479001600));
        var s0 = TV.Fma(q1, r2, q0);
        var s1 = TV.Fma(q3, r2, q2);
        var s2 = TV.Fma(q5, r2, q4);
        var t0 = TV.Fma(s1, r4, s0);
        var t1 = TV.Fma(q6, r4, s2);
        var p = TV.Fma(t1, r8, t0);
        // 2^k: k + 2^52 + 1023 holds k + 1023 in its low mantissa bits; shift them into the exponent.
        return p * TV.ShiftIntoExponent(k + TV.Create(4503599627370496.0 + 1023.0));
    }

    /// <summary>
    /// Natural log per lane for positive, normal x (within 4 ulp of glibc's log, SimdMathTests): x = 2^e·m
    /// with m in [√½, √2], log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd
    /// series to s²¹ (truncation &lt; 1e-18).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log<TV>(TV x) where TV : struct, IVec<TV>
    {
        // Exponent field as a double: (field | 2^52's bits) − (2^52 + 1023) = e.
        var e = TV.ExponentField(x) - TV.Create(4503599627370496.0 + 1023.0);
        var m = TV.Mantissa(x);
        var sqrt2 = TV.Create(1.4142135623730951);
        e = TV.SelectGreater(m, sqrt2, e + TV.Create(1.0), e);
        m = TV.SelectGreater(m, sqrt2, m * TV.Create(0.5), m);
        var one = TV.Create(1.0);
        var s = (m - one) / (m + one);
        var z = s * s;
        var z2 = z * z;
        var z4 = z2 * z2;
        var q0 = TV.Fma(z, TV.Create(1.0 / 3), one);
        var q1 = TV.Fma(z, TV.Create(1.0 / 7), TV.Create(1.0 / 5));
        var q2 = TV.Fma(z, TV.Create(1.0 / 11), TV.Create(1.0 / 9));
        var q3 = TV.Fma(z, TV.Create(1.0 / 15), TV.Create(1.0 / 13));
        var q4 = TV.Fma(z, TV.Create(1.0 / 19), TV.Create(1.0 / 17));
        var q5 = TV.Create(1.0 / 21);
        var t0 = TV.Fma(q1, z2, q0);
        var t1 = TV.Fma(q3, z2, q2);
        var t2 = TV.Fma(q5, z2, q4);
        var p = TV.Fma(TV.Fma(t2, z4, t1), z4, t0);
        var logM = (s + s) * p;
        return TV.Fma(e, TV.Create(6.93147180369123816490e-01), TV.Fma(e, TV.Create(1.90821492927058770002e-10), logM));
    }

    /// <summary>
    /// NEURON's table lookup (docs/dev/mechanisms.md §3) for a vector of voltages: clamps the grid
    /// coordinate to [0, N] (NaN to 0), returns the lower grid points and θ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TableIndex<TV> Locate<TV>(RateTable table, TV v) where TV : struct, IVec<TV>
    {
        var at = new TableIndex<TV>();
        var xi = TV.Create(table.InverseStep) * (v - TV.Create(table.Lo));
        at.Theta = TV.Locate(xi, table.Intervals, ref at.Offsets);
        return at;
    }

    /// <summary>Interpolated output <paramref name="k"/> of the table at located lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Interpolate<TV>(RateTable table, ref readonly TableIndex<TV> at, int k) where TV : struct, IVec<TV>
    {
        // T[i] + θ·(T[i+1] − T[i]) with the difference stored (RateTable.Pairs).
        TV.LoadPairs(table.PairPointer + k * table.PairStride, in at.Offsets, out var lower, out var delta);
        return lower + at.Theta * delta;
    }

    /// <summary>cnexp (docs/dev/mechanisms.md §4): x + (1 − exp(−dt/τ))·(x∞ − x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Cnexp<TV>(TV x, TV xInf, TV tau, TV negDt) where TV : struct, IVec<TV>
    {
        var f = TV.Create(1.0) - ExpOfNonPositive(negDt / tau);
        return x + f * (xInf - x);
    }
}

/// <summary>Where the lanes fall in a rate table: the lower grid points' pair offsets and θ.</summary>
internal struct TableIndex<TV> where TV : struct, IVec<TV>
{
    public LaneOffsets Offsets;
    public TV Theta;
}
