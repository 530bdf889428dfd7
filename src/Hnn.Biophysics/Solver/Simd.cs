using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The vector kernels every mechanism shares: loads/stores over structure-of-arrays state,
/// an exp accurate to 2 ulp (the library's vector exp is no faster than the scalar one
/// here), and NEURON's table interpolation.
/// </summary>
internal static unsafe class Simd
{
    public const int Width = 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double[] a, int i) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double[] a, int i, Vector256<double> v) =>
        v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    private static readonly Vector256<double> ExpHi = Vector256.Create(709.78);
    private static readonly Vector256<double> ExpLo = Vector256.Create(-708.39);
    private static readonly Vector256<double> Log2E = Vector256.Create(1.4426950408889634);
    private static readonly Vector256<double> Ln2Hi = Vector256.Create(6.93147180369123816490e-01);
    private static readonly Vector256<double> Ln2Lo = Vector256.Create(1.90821492927058770002e-10);
    private static readonly Vector256<double> ShiftBias = Vector256.Create(4503599627370496.0 + 1023.0);

    /// <summary>
    /// e^x per lane, within 2 ulp of glibc's exp: x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by its
    /// degree-13 Taylor polynomial (truncation &lt; 1e-17) evaluated in Estrin's scheme (short
    /// dependency chains), times 2^k built in the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Avx.Min(Avx.Max(x, ExpLo), ExpHi);
        var k = Avx.RoundToNearestInteger(x * Log2E);
        var r = Fma.MultiplyAddNegated(k, Ln2Hi, x);
        r = Fma.MultiplyAddNegated(k, Ln2Lo, r);
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var q0 = Fma.MultiplyAdd(r, Vector256.Create(1.0), Vector256.Create(1.0));
        var q1 = Fma.MultiplyAdd(r, Vector256.Create(1.0 / 6), Vector256.Create(0.5));
        var q2 = Fma.MultiplyAdd(r, Vector256.Create(1.0 / 120), Vector256.Create(1.0 / 24));
        var q3 = Fma.MultiplyAdd(r, Vector256.Create(1.0 / 5040), Vector256.Create(1.0 / 720));
        var q4 = Fma.MultiplyAdd(r, Vector256.Create(1.0 / 362880), Vector256.Create(1.0 / 40320));
        var q5 = Fma.MultiplyAdd(r, Vector256.Create(1.0 / 39916800), Vector256.Create(1.0 / 3628800));
        var q6 = Fma.MultiplyAdd(r, Vector256.Create(1.0 / 6227020800.0), Vector256.Create(1.0 / 479001600));
        var s0 = Fma.MultiplyAdd(q1, r2, q0);
        var s1 = Fma.MultiplyAdd(q3, r2, q2);
        var s2 = Fma.MultiplyAdd(q5, r2, q4);
        var t0 = Fma.MultiplyAdd(s1, r4, s0);
        var t1 = Fma.MultiplyAdd(q6, r4, s2);
        var p = Fma.MultiplyAdd(t1, r8, t0);
        // 2^k: k + 2^52 + 1023 holds k + 1023 in its low mantissa bits; shift them into the exponent.
        var bits = Avx2.ShiftLeftLogical((k + ShiftBias).AsInt64(), 52);
        return p * bits.AsDouble();
    }

    private static readonly Vector256<long> MantissaMask = Vector256.Create(0x000FFFFFFFFFFFFFL);
    private static readonly Vector256<long> OneBits = Vector256.Create(0x3FF0000000000000L);
    private static readonly Vector256<long> MagicBits = Vector256.Create(0x4330000000000000L);
    private static readonly Vector256<double> Magic = Vector256.Create(4503599627370496.0 + 1023.0);
    private static readonly Vector256<double> Sqrt2 = Vector256.Create(1.4142135623730951);

    /// <summary>
    /// Natural log per lane for positive, normal x (within 4 ulp of glibc's log, SimdMathTests): x = 2^e·m
    /// with m in [√½, √2], log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd
    /// series to s²¹ (truncation &lt; 1e-18).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var bits = x.AsInt64();
        // Exponent field as a double: (field | 2^52's bits) − (2^52 + 1023) = e.
        var e = (Avx2.ShiftRightLogical(bits, 52) | MagicBits).AsDouble() - Magic;
        var m = ((bits & MantissaMask) | OneBits).AsDouble();
        var big = Avx.CompareGreaterThan(m, Sqrt2);
        m = Avx.BlendVariable(m, m * Vector256.Create(0.5), big);
        e = Avx.BlendVariable(e, e + Vector256<double>.One, big);
        var s = (m - Vector256<double>.One) / (m + Vector256<double>.One);
        var z = s * s;
        var z2 = z * z;
        var z4 = z2 * z2;
        var q0 = Fma.MultiplyAdd(z, Vector256.Create(1.0 / 3), Vector256.Create(1.0));
        var q1 = Fma.MultiplyAdd(z, Vector256.Create(1.0 / 7), Vector256.Create(1.0 / 5));
        var q2 = Fma.MultiplyAdd(z, Vector256.Create(1.0 / 11), Vector256.Create(1.0 / 9));
        var q3 = Fma.MultiplyAdd(z, Vector256.Create(1.0 / 15), Vector256.Create(1.0 / 13));
        var q4 = Fma.MultiplyAdd(z, Vector256.Create(1.0 / 19), Vector256.Create(1.0 / 17));
        var q5 = Vector256.Create(1.0 / 21);
        var t0 = Fma.MultiplyAdd(q1, z2, q0);
        var t1 = Fma.MultiplyAdd(q3, z2, q2);
        var t2 = Fma.MultiplyAdd(q5, z2, q4);
        var p = Fma.MultiplyAdd(Fma.MultiplyAdd(t2, z4, t1), z4, t0);
        var logM = (s + s) * p;
        return Fma.MultiplyAdd(e, Ln2Hi, Fma.MultiplyAdd(e, Ln2Lo, logM));
    }

    /// <summary>
    /// NEURON's table lookup (docs/dev/mechanisms.md §3) for 4 lanes: clamps the grid coordinate to
    /// [0, N] (NaN to 0), returns the lower grid points and θ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TableIndex Locate(RateTable table, Vector256<double> v)
    {
        var xi = Vector256.Create(table.InverseStep) * (v - Vector256.Create(table.Lo));
        // Avx.Max returns its second operand when either is NaN, so NaN lands on entry 0.
        xi = Avx.Max(xi, Vector256<double>.Zero);
        xi = Avx.Min(xi, Vector256.Create((double)table.Intervals));
        var i = Avx.ConvertToVector128Int32WithTruncation(xi);
        var theta = xi - Avx.ConvertToVector256Double(i);
        return new TableIndex(i.GetElement(0) * 2, i.GetElement(1) * 2, i.GetElement(2) * 2, i.GetElement(3) * 2, theta);
    }

    /// <summary>Interpolated output <paramref name="k"/> of the table at located lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Interpolate(RateTable table, in TableIndex at, int k)
    {
        var p = table.PairPointer + k * table.PairStride;
        // (lo0, hi0, lo2, hi2) and (lo1, hi1, lo3, hi3): unpacking per 128-bit half yields
        // (lo0, lo1, lo2, lo3) and (hi0, hi1, hi2, hi3) without a permute.
        var a = Vector256.Create(Sse2.LoadVector128(p + at.I0), Sse2.LoadVector128(p + at.I2));
        var b = Vector256.Create(Sse2.LoadVector128(p + at.I1), Sse2.LoadVector128(p + at.I3));
        var lower = Avx.UnpackLow(a, b);
        var upper = Avx.UnpackHigh(a, b);
        return lower + at.Theta * (upper - lower);
    }

    /// <summary>cnexp (docs/dev/mechanisms.md §4): x + (1 − exp(−dt/τ))·(x∞ − x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cnexp(Vector256<double> x, Vector256<double> xInf, Vector256<double> tau, Vector256<double> negDt)
    {
        var f = Vector256<double>.One - Exp(negDt / tau);
        return x + f * (xInf - x);
    }
}

/// <summary>Where 4 lanes fall in a rate table: the lower grid points' pair offsets and θ.</summary>
internal readonly record struct TableIndex(int I0, int I1, int I2, int I3, Vector256<double> Theta);
