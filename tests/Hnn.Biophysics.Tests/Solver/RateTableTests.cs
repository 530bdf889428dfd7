using System.Runtime.Intrinsics;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Solver;

/// <summary>
/// RateTable as NEURON's TABLE (docs/dev/mechanisms.md §3): grid accumulated from lo by dx,
/// linear interpolation between nodes, clamped to the end entries outside [lo, hi]. The test
/// table is lo = −2, hi = 2, N = 8 (dx = 0.5, exact) of f0(x) = x and f1(x) = x², so every
/// expected value below is exact in binary and written out by hand; comparisons are exact
/// (tolerance 0) for both the scalar lookup and Simd.Locate/Interpolate on every kernel width the CPU runs.
/// </summary>
public sealed class RateTableTests(ITestOutputHelper output)
{
    private static readonly RateTable Squares = new(-2.0, 2.0, 8, 2, (x, o) =>
    {
        o[0] = x;
        o[1] = x * x;
    });

    /// <summary>Scalar lookup and the vector path at the same voltages, output k.</summary>
    private double[] LookupBoth(double[] vs, int k)
    {
        var scalar = vs.Select(v => Squares.Lookup(v, k)).ToArray();
        foreach (var path in SimdPaths.Available)
        {
            var vector = path switch
            {
                SimdPath.Avx512 => Vector<V512>(vs, k),
                SimdPath.Avx2 => Vector<V256>(vs, k),
                _ => Vector<V128>(vs, k),
            };
            Assert.Equal(scalar, vector);
        }
        return scalar;
    }

    private static double[] Vector<TV>(double[] vs, int k) where TV : struct, IVec<TV>
    {
        var padded = new double[(vs.Length + TV.Count - 1) / TV.Count * TV.Count];
        vs.CopyTo(padded, 0);
        var vector = new double[padded.Length];
        for (var i = 0; i < padded.Length; i += TV.Count)
        {
            var at = Simd.Locate(Squares, TV.Load(padded, i));
            Simd.Interpolate(Squares, in at, k).Store(vector, i);
        }
        return vector[..vs.Length];
    }

    private void AssertExact(string what, double[] vs, int k, double[] expected)
    {
        var got = LookupBoth(vs, k);
        var worst = got.Zip(expected, (g, e) => Math.Abs(g - e)).Max();
        output.WriteLine($"{what}: {vs.Length} voltages, scalar and every vector path, max |error| {worst:E2} (tolerance 0)");
        Assert.Equal(expected, got);
    }

    [Fact]
    public void RateTable_ClampsVoltagesBelowItsRangeToTheFirstEntry() =>
        AssertExact("below lo", [-2.0, -2.0000001, -3.0, -1e300, double.NegativeInfinity, double.MinValue, -100.0, -2.5], 1,
            [4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0]);

    [Fact]
    public void RateTable_ClampsVoltagesAboveItsRangeToTheLastEntry() =>
        AssertExact("above hi", [2.0, 2.0000001, 3.0, 1e300, double.PositiveInfinity, double.MaxValue, 100.0, 40.0], 1,
            [4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0]);

    /// <summary>
    /// Between nodes the value is T[i] + θ·(T[i+1] − T[i]), not f(v): at v = 0.25 (between
    /// nodes 0 and 0.5) x² interpolates to 0.125, not 0.0625; at −1.875, θ = 0.25 between
    /// T = 4 and 2.25 gives 3.5625; at 2 − 2⁻²², θ = 1 − 2⁻²¹ between 2.25 and 4 gives 4 − 1.75·2⁻²¹.
    /// </summary>
    [Fact]
    public void RateTable_InterpolatesLinearlyBetweenNodes() =>
        AssertExact("between nodes (x²)", [0.25, -1.875, 1.75, -0.25, 1.125, -0.75, 0.5, 2.0 - 1.0 / 4194304.0], 1,
            [0.125, 3.5625, 3.125, 0.125, 1.3125, 0.625, 0.25, 4.0 - 1.75 / 2097152.0]);

    /// <summary>At nodes the entries themselves come back (f0 = x gives the node voltage).</summary>
    [Fact]
    public void RateTable_ReturnsTheEntryAtEachNode() =>
        AssertExact("at nodes (x)", [-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5], 0,
            [-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5]);

    /// <summary>As coded, NaN locates at entry 0 (both paths), so a NaN voltage never indexes out of the table.</summary>
    [Fact]
    public void RateTable_MapsNaNToTheFirstEntry() =>
        AssertExact("NaN", [double.NaN, 0.25, double.NaN, 2.0], 1, [4.0, 0.125, 4.0, 4.0]);

    /// <summary>
    /// The grid is accumulated, x_(i+1) = x_i + dx, as NEURON fills a TABLE, not lo + i·dx:
    /// for km's grid (−120 to 100 with 199 intervals) node 199 is 99.99999999999969 and for cat's
    /// (−120 to 40 with 641) node 641 is 39.99999999999918 (Python, same accumulation).
    /// </summary>
    [Fact]
    public void RateTable_SamplesTheAccumulatedGrid()
    {
        var km = new RateTable(-120.0, 100.0, 199, 1, (x, o) => o[0] = x);
        var cat = new RateTable(-120.0, 40.0, 641, 1, (x, o) => o[0] = x);
        (string, double, double)[] cases =
        [
            ("km node 1", -118.89447236180905, km.Entries[1]),
            ("km node 73", -39.296482412060534, km.Entries[73]),
            ("km node 99", -10.552763819095675, km.Entries[99]),
            ("km node 198", 98.89447236180874, km.Entries[198]),
            ("km node 199", 99.99999999999969, km.Entries[199]),
            ("cat node 320", -40.12480499220078, cat.Entries[320]),
            ("cat node 640", 39.750390015599805, cat.Entries[640]),
            ("cat node 641", 39.99999999999918, cat.Entries[641]),
        ];
        foreach (var (what, expected, actual) in cases)
        {
            output.WriteLine($"{what}: {actual:R} (expected {expected:R}, tolerance 0)");
            Assert.Equal(expected, actual);
        }
        // The padding entry repeats the last node, so a clamped top lookup reads node N exactly.
        Assert.Equal(km.Entries[199], km.Entries[200]);
        Assert.Equal(km.Entries[199], km.Lookup(100.0, 0));
    }
}
