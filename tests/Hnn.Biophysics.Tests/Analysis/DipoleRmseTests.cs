using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>DipoleRmse against HNN-core v0.6.1's own _rmse (tests/data/rmse/cases.csv, docs/dev/dipole.md §8).</summary>
public sealed class DipoleRmseTests(ITestOutputHelper output)
{
    // Relative: the two sides differ only in FFT algorithm and summation order.
    private const double Tolerance = 1e-12;

    [Fact]
    public void MatchesHnnCoreForLongerShorterAndEqualSeriesAndClippedWindows()
    {
        var series = RmseReference.Series();
        var cases = RmseReference.Cases();
        var worst = 0.0;
        foreach (var c in cases)
        {
            var actual = DipoleRmse.Compute(series[c.Simulated], series[c.Target], c.Tstart, c.Tstop);
            var error = Math.Abs(actual - c.Rmse) / c.Rmse;
            output.WriteLine($"{c.Name,-26} sim {c.SimLength,5} target {c.TargetLength,5}: {actual:R} vs {c.Rmse:R}, relative error {error:E2}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"{cases.Count} cases, worst relative error {worst:E2} (tolerance {Tolerance:E0})");
        Assert.True(cases.Count >= 10, "the reference file must hold the RMSE cases");
        Assert.Contains(cases, c => c.SimLength > c.TargetLength);
        Assert.Contains(cases, c => c.SimLength < c.TargetLength);
        Assert.Contains(cases, c => c.SimLength == c.TargetLength);
        Assert.True(worst <= Tolerance, $"worst relative error {worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void AnotherColumnIsComparedTheSameWayAsAgg()
    {
        var t = Enumerable.Range(0, 401).Select(k => k * 0.25).ToArray();
        var u = Enumerable.Range(0, 101).Select(k => k * 1.0).ToArray();
        var simL2 = t.Select(x => Math.Sin(x / 9)).ToArray();
        var tgtL2 = u.Select(x => Math.Cos(x / 11)).ToArray();
        Dipole Three(double[] times, double[] l2) => new(times, new Dictionary<string, double[]>
            { [Dipole.Agg] = new double[times.Length], [Dipole.L2] = l2, [Dipole.L5] = new double[times.Length] });
        var viaColumn = DipoleRmse.Compute(Three(t, simL2), Three(u, tgtL2), column: Dipole.L2);
        var viaAgg = DipoleRmse.Compute(RmseReference.AggOnly(t, simL2), RmseReference.AggOnly(u, tgtL2));
        output.WriteLine($"L2 column {viaColumn:R}, same data as agg {viaAgg:R}");
        Assert.True(viaColumn > 0.1);
        Assert.Equal(viaAgg, viaColumn);
    }

    [Fact]
    public void AWindowWithoutSamplesOrAMissingColumnIsRefused()
    {
        var a = RmseReference.AggOnly([0, 1, 2, 3], [1, 2, 3, 4]);
        var b = RmseReference.AggOnly([10, 11, 12], [1, 2, 3]);
        var e = Assert.Throws<ArgumentException>(() => DipoleRmse.Compute(a, b));
        output.WriteLine(e.Message);
        Assert.Contains("holds 0 simulated", e.Message);
        Assert.Contains("the RMSE window", Assert.Throws<ArgumentException>(() => DipoleRmse.Compute(a, a, 2.5, 1.0)).Message);
        var three = new Dipole([0, 1, 2, 3], new Dictionary<string, double[]> { [Dipole.Agg] = [1, 2, 3, 4], [Dipole.L2] = [1, 2, 3, 4], [Dipole.L5] = [0, 0, 0, 0] });
        Assert.Contains("the target dipole has no column 'L2'; it has: agg", Assert.Throws<ArgumentException>(() => DipoleRmse.Compute(three, a, column: "L2")).Message);
        Assert.Contains("the simulated dipole has no column 'L2'", Assert.Throws<ArgumentException>(() => DipoleRmse.Compute(a, three, column: "L2")).Message);
        Assert.Contains("tstart must be a finite time", Assert.Throws<ArgumentException>(() => DipoleRmse.Compute(a, a, double.NaN)).Message);
    }
}
