using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The vector kernels every mechanism shares: loads/stores over structure-of-arrays state,
/// an exp accurate to about 1 ulp (the library's vector exp is no faster than the scalar
/// one here), and NEURON's table interpolation with gathers.
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    private static readonly Vector256<double> ExpHi = Vector256.Create(709.78);
    private static readonly Vector256<double> ExpLo = Vector256.Create(-708.39);
    private static readonly Vector256<double> Log2E = Vector256.Create(1.4426950408889634);
    private static readonly Vector256<double> Ln2Hi = Vector256.Create(6.93147180369123816490e-01);
    private static readonly Vector256<double> Ln2Lo = Vector256.Create(1.90821492927058770002e-10);
    private static readonly Vector256<double> ShiftBias = Vector256.Create(4503599627370496.0 + 1023.0);

    // Taylor coefficients 1/n!, n = 13 … 0: on |r| ≤ ln2/2 the truncation error is < 1e-17.
    private static readonly double[] ExpCoefficients = BuildExpCoefficients();

    private static double[] BuildExpCoefficients()
    {
        var c = new double[14];
        double f = 1;
        for (var n = 0; n < 14; n++)
        {
            if (n > 0) f *= n;
            c[13 - n] = 1.0 / f;
        }
        return c;
    }

    /// <summary>e^x per lane: x = k·ln2 + r, exp(r) by a degree-13 polynomial, times 2^k.</summary>
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Min(Vector256.Max(x, ExpLo), ExpHi);
        var k = Vector256.Round(x * Log2E);
        var r = x - k * Ln2Hi;
        r -= k * Ln2Lo;
        var c = ExpCoefficients;
        var p = Vector256.Create(c[0]);
        for (var i = 1; i < c.Length; i++)
            p = MulAdd(p, r, Vector256.Create(c[i]));
        // 2^k: k + 2^52 + 1023 holds k + 1023 in its low mantissa bits; shift them into the exponent.
        var bits = Vector256.ShiftLeft((k + ShiftBias).AsInt64(), 52);
        return p * bits.AsDouble();
    }

    /// <summary>
    /// NEURON's table lookup (mechanisms.md §3) for 4 lanes: clamps the grid coordinate to
    /// [0, N] (NaN to 0), returns the lower point's entry offsets and θ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Locate(RateTable table, Vector256<double> v, out Vector128<int> offset, out Vector256<double> theta)
    {
        var xi = Vector256.Create(table.InverseStep) * (v - Vector256.Create(table.Lo));
        // Avx.Max returns its second operand when either is NaN, so NaN lands on entry 0.
        xi = Avx.Max(xi, Vector256<double>.Zero);
        xi = Avx.Min(xi, Vector256.Create((double)table.Intervals));
        var i = Avx.ConvertToVector128Int32WithTruncation(xi);
        theta = xi - Avx.ConvertToVector256Double(i);
        offset = i * Vector128.Create(table.Outputs);
    }

    /// <summary>Interpolated output <paramref name="k"/> of the table at located lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Interpolate(RateTable table, Vector128<int> offset, Vector256<double> theta, int k)
    {
        var p = table.Pointer + k;
        var lower = Avx2.GatherVector256(p, offset, 8);
        var upper = Avx2.GatherVector256(p + table.Outputs, offset, 8);
        return lower + theta * (upper - lower);
    }

    /// <summary>cnexp (mechanisms.md §4): x + (1 − exp(−dt/τ))·(x∞ − x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cnexp(Vector256<double> x, Vector256<double> xInf, Vector256<double> tau, Vector256<double> negDt)
    {
        var f = Vector256<double>.One - Exp(negDt / tau);
        return x + f * (xInf - x);
    }
}
