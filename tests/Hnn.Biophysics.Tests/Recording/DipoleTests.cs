using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Recording;

/// <summary>Dipole post-processing rules of docs/dev/dipole.md §5 and docs/dev/api.md §3.</summary>
public sealed class DipoleTests
{
    private static Dipole Make(Func<double, double> f, int n = 4001)
    {
        var t = Enumerable.Range(0, n).Select(k => k * 0.025).ToArray();
        return new Dipole(t, new Dictionary<string, double[]> { ["agg"] = t.Select(f).ToArray(), ["L2"] = t.Select(f).ToArray(), ["L5"] = t.Select(f).ToArray() });
    }

    [Fact]
    public void SavitzkyGolayReproducesQuinticPolynomialsIncludingTheEdges()
    {
        Func<double, double> p = t => 1 + 0.3 * t - 0.02 * t * t + 1e-4 * Math.Pow(t, 3) - 1e-6 * Math.Pow(t, 4) + 1e-9 * Math.Pow(t, 5);
        var d = Make(p).SavgolFilter(200); // 40 kHz / 200 Hz → 201-sample window
        var err = d.Times.Select((t, k) => Math.Abs(d["agg"][k] - p(t))).Max();
        Assert.True(err < 1e-8, $"a degree-5 polynomial must pass unchanged; max|Δ| = {err:E3}");
    }

    [Fact]
    public void HammingSmoothingKeepsAConstantAwayFromTheEdgesAndIsSymmetric()
    {
        var d = Make(_ => 2.0).Smooth(30); // 1200-sample window
        Assert.Equal(2.0, d["agg"][2000], 12);
        Assert.True(d["agg"][0] < 1.1, "zero padding attenuates the edges as numpy.convolve 'same' does");
        Assert.Equal(d["agg"][600], d["agg"][4000 - 600 + 1], 12);
    }

    [Theory]
    [InlineData(-1.0, "Window length must be a non-negative number")]
    [InlineData(0.5, "Window length less than 1 ms is not supported")]
    [InlineData(1000.0, "Window size is too long: 40000 samples; data length is 4001 samples")]
    public void BadSmoothingWindowsAreRefused(double window, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => Make(t => t).Smooth(window)).Message);

    [Theory]
    [InlineData(-5.0, "h_freq cannot be negative")]
    [InlineData(0.0, "High cutoff frequency must be positive")]
    [InlineData(20000.0, "h_freq must be less than half the sample rate")]
    public void BadSavgolCutoffsAreRefused(double hFreq, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => Make(t => t).SavgolFilter(hFreq)).Message);

    [Fact]
    public void AverageAndScaleFollowHnnCore()
    {
        var a = Make(t => t).Scale(2);
        var b = Make(t => 3 * t).Scale(2);
        var mean = Dipole.Average([a, b]);
        Assert.Equal(2, mean.Nave);
        Assert.Equal(4 * 1.0, mean["L5"][40], 12); // t = 1 ms: (2·1 + 2·3)/2
        Assert.Contains("All dipoles must be scaled equally!", Assert.Throws<ArgumentException>(() => Dipole.Average([a, Make(t => t)])).Message);
        Assert.Contains("Cannot reaverage", Assert.Throws<ArgumentException>(() => Dipole.Average([mean, a])).Message);
    }

    [Fact]
    public void TextFileRoundTripsAtItsPrecision()
    {
        var d = Make(t => Math.Sin(t));
        var path = Path.Combine(Path.GetTempPath(), $"dpl_{Guid.NewGuid():N}.txt");
        using (var w = new StreamWriter(path)) d.Write(w);
        var back = Dipole.Read(path);
        File.Delete(path);
        Assert.Equal(3, back.Order.Count);
        Assert.True(d.Times.Zip(back.Times, (x, y) => Math.Abs(x - y)).Max() <= 5e-4);
        Assert.True(d["L2"].Zip(back["L2"], (x, y) => Math.Abs(x - y)).Max() <= 5e-5);
        Assert.StartsWith("0.025\t0.0250\t", WriteLine(d, 1)); // %3.3f and %5.4f
    }

    private static string WriteLine(Dipole d, int row)
    {
        var sw = new StringWriter();
        d.Write(sw);
        return sw.ToString().Split('\n')[row];
    }
}
