using System.Runtime.Intrinsics;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Solver;

/// <summary>
/// Simd.Exp and Simd.Log (our vector polynomials) on every kernel width this CPU runs (avx512, avx2, portable) against Math.Exp and Math.Log (the C library's,
/// correctly rounded to within 1 ulp), measured in ulps of the double result. README claims
/// exp ≤ 2 ulp and log ≤ 4 ulp; each test asserts that bound and prints the maximum measured.
/// Inputs: a fixed-seed random sample plus grids over each range, a vector of 2, 4 or 8 lanes per call;
/// every path must meet the bound and all paths must give the same doubles.
/// </summary>
public sealed class SimdMathTests(ITestOutputHelper output)
{
    private const long ExpUlpBound = 2, LogUlpBound = 4;

    /// <summary>Distance in ulps: the number of doubles between a and b (+0 and −0 count as equal).</summary>
    internal static long UlpDistance(double a, double b)
    {
        static long Ordered(double x)
        {
            var bits = BitConverter.DoubleToInt64Bits(x);
            return bits >= 0 ? bits : -(bits & long.MaxValue);
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    internal enum Fn { Exp, Log }

    private static double[] Apply<TV>(Fn f, double[] xs) where TV : struct, IVec<TV>
    {
        var w = TV.Count;
        var padded = new double[(xs.Length + w - 1) / w * w];
        xs.CopyTo(padded, 0);
        var ys = new double[padded.Length];
        for (var i = 0; i < padded.Length; i += w)
        {
            var x = TV.Load(padded, i);
            (f == Fn.Exp ? Simd.Exp(x) : Simd.Log(x)).Store(ys, i);
        }
        return ys[..xs.Length];
    }

    private static double[] Apply(SimdPath path, Fn f, double[] xs) => path switch
    {
        SimdPath.Avx512 => Apply<V512>(f, xs),
        SimdPath.Avx2 => Apply<V256>(f, xs),
        _ => Apply<V128>(f, xs),
    };

    /// <summary>The results of every available path; asserts that they are the same doubles.</summary>
    private static double[] Apply(Fn f, double[] xs)
    {
        var first = Apply(SimdPaths.Available[0], f, xs);
        foreach (var path in SimdPaths.Available.Skip(1))
        {
            var ys = Apply(path, f, xs);
            for (var i = 0; i < xs.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(ys[i]) == BitConverter.DoubleToInt64Bits(first[i]),
                    $"{f}({xs[i]:R}): {path.Name()} gives {ys[i]:R}, {SimdPaths.Available[0].Name()} {first[i]:R}");
        }
        return first;
    }

    private long MaxUlp(string what, Fn f, Func<double, double> reference, double[] xs, long bound)
    {
        long worst = 0;
        foreach (var path in SimdPaths.Available)
            worst = Math.Max(worst, MaxUlp($"{what} [{path.Name()}]", Apply(path, f, xs), reference, xs, bound));
        Apply(f, xs); // and bit-identical across paths
        return worst;
    }

    private long MaxUlp(string what, double[] ys, Func<double, double> reference, double[] xs, long bound)
    {
        long worst = 0;
        var worstAt = double.NaN;
        for (var i = 0; i < xs.Length; i++)
        {
            var expected = reference(xs[i]);
            var d = UlpDistance(ys[i], expected);
            Assert.True(d <= bound, $"{what}({xs[i]:R}) = {ys[i]:R}, reference {expected:R}: {d} ulp > {bound}");
            if (d > worst) (worst, worstAt) = (d, xs[i]);
        }
        output.WriteLine($"{what}: {xs.Length} inputs, max {worst} ulp{(worst > 0 ? $" at {worstAt:R}" : "")} (bound {bound})");
        return worst;
    }

    private static double[] Uniform(int seed, int n, double lo, double hi)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * rng.NextDouble())];
    }

    private static double[] Grid(double lo, double hi, int n) => [.. Enumerable.Range(0, n + 1).Select(i => lo + (hi - lo) * i / n)];

    /// <summary>
    /// The solver's use: cnexp's exp(−dt/τ) for dt = 0.025 ms and every τ the tables hold
    /// (≥ 0.03 ms), i.e. arguments in [−1, 0); plus −2 … 0 and tiny arguments.
    /// </summary>
    [Fact]
    public void Exp_IsWithinTwoUlpOverTheSolversRange()
    {
        double[] xs = [.. Uniform(1, 200_000, -2.0, 0.0), .. Grid(-1.0, 0.0, 10_000), -1e-300, -1e-17, -5e-324, -0.025 / 1e6, -0.025 / 0.0357];
        MaxUlp("exp on [-2, 0]", Fn.Exp, Math.Exp, xs, ExpUlpBound);
    }

    /// <summary>
    /// The whole range where the result is a normal, finite double and 2^k is representable:
    /// [−708.39, 709.43]; includes the reduction boundaries x = (k + ½)·ln 2.
    /// </summary>
    [Fact]
    public void Exp_IsWithinTwoUlpOverItsFiniteRange()
    {
        var halfways = Enumerable.Range(-1021, 2044).SelectMany(k => new[] { (k + 0.5) * Math.Log(2.0), Math.BitDecrement((k + 0.5) * Math.Log(2.0)), Math.BitIncrement((k + 0.5) * Math.Log(2.0)) })
            .Where(x => x is >= -708.39 and <= 709.43);
        double[] xs = [.. Uniform(2, 200_000, -708.39, 709.43), .. Uniform(3, 50_000, -40.0, 40.0), .. Grid(-708.39, 709.43, 20_000), .. halfways, 1.0, -1.0, 709.43];
        MaxUlp("exp on [-708.39, 709.43]", Fn.Exp, Math.Exp, xs, ExpUlpBound);
    }

    /// <summary>exp(0) = 1 and exp(±tiny) = 1 exactly.</summary>
    [Fact]
    public void Exp_OfZeroIsExactlyOne()
    {
        var ys = Apply(Fn.Exp, [0.0, -0.0, 1e-300, -1e-300]);
        output.WriteLine($"exp(0, -0, 1e-300, -1e-300) = {string.Join(", ", ys.Select(y => y.ToString("R")))}");
        Assert.All(ys, y => Assert.Equal(1.0, y));
    }

    /// <summary>
    /// As coded, the argument is clamped below at −708.39: any x ≤ −708.39 (−∞ included) returns
    /// exp(−708.39) ≈ 2.4e-308 (a normal double), never a subnormal or 0. Compared with
    /// Math.Exp(−708.39) within 2 ulp.
    /// </summary>
    [Fact]
    public void Exp_ClampsArgumentsBelowMinus708Point39()
    {
        double[] xs = [-708.39, -708.4, -745.2, -1000.0, double.MinValue, double.NegativeInfinity, -709.0, -720.0];
        var ys = Apply(Fn.Exp, xs);
        var expected = Math.Exp(-708.39);
        var worst = ys.Max(y => UlpDistance(y, expected));
        output.WriteLine($"exp(x ≤ -708.39) = {ys[0]:R} … (Math.Exp(-708.39) = {expected:R}); max {worst} ulp");
        Assert.All(ys, y => Assert.True(UlpDistance(y, expected) <= ExpUlpBound, $"{y:R} vs {expected:R}"));
        Assert.All(ys, y => Assert.True(double.IsNormal(y)));
    }

    /// <summary>cao/cai of the calcium ion: cai from 1e-7 to 10 mM, cao = 2 mM, so log arguments in [0.2, 2e7].</summary>
    [Fact]
    public void Log_IsWithinFourUlpOverTheCalciumRatioRange()
    {
        var rng = new System.Random(4);
        double[] xs = [.. Enumerable.Range(0, 200_000).Select(_ => 2.0 / Math.Pow(10.0, -7.0 + 8.0 * rng.NextDouble())), .. Grid(0.2, 30.0, 20_000)];
        MaxUlp("log on [0.2, 2e7]", Fn.Log, Math.Log, xs, LogUlpBound);
    }

    /// <summary>
    /// Every positive normal double: random exponents and mantissas over [2^−1022, 2^1024), the
    /// reduction boundary m = √2 (both sides) at many exponents, and arguments near 1 (result
    /// near 0, where an absolute error would show as many ulps).
    /// </summary>
    [Fact]
    public void Log_IsWithinFourUlpOverAllPositiveNormalDoubles()
    {
        var rng = new System.Random(5);
        var random = Enumerable.Range(0, 200_000).Select(_ => Math.ScaleB(1.0 + rng.NextDouble(), rng.Next(-1022, 1024)));
        var sqrt2 = Enumerable.Range(-1000, 2000).SelectMany(e => new[] { Math.ScaleB(Math.Sqrt(2.0), e), Math.BitDecrement(Math.ScaleB(Math.Sqrt(2.0), e)), Math.BitIncrement(Math.ScaleB(Math.Sqrt(2.0), e)) });
        var nearOne = Enumerable.Range(1, 2000).SelectMany(k => new[] { 1.0 + k * Math.ScaleB(1.0, -52), 1.0 - k * Math.ScaleB(1.0, -53), 1.0 + k * 1e-9, 1.0 - k * 1e-9 });
        double[] xs = [.. random, .. sqrt2, .. nearOne, .. Uniform(6, 50_000, 0.5, 2.0), 2.2250738585072014E-308, double.MaxValue];
        MaxUlp("log on positive normals", Fn.Log, Math.Log, xs, LogUlpBound);
    }

    /// <summary>log(1) = 0 exactly and log(2^e) = e·ln 2 within the bound.</summary>
    [Fact]
    public void Log_OfOneIsExactlyZeroAndOfPowersOfTwoIsExponentTimesLn2()
    {
        Assert.Equal(0.0, Apply(Fn.Log, [1.0])[0]);
        double[] powers = [.. Enumerable.Range(-1022, 2046).Select(e => Math.ScaleB(1.0, e))];
        var worst = MaxUlp("log(2^e)", Fn.Log, Math.Log, powers, LogUlpBound);
        output.WriteLine($"log(1) = 0 exactly; powers of two max {worst} ulp");
    }
}
