using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>Periodogram against scipy.signal.periodogram's own outputs (tests/data/spectra/periodogram.csv, docs/dev/spectra.md §1–§2).</summary>
public sealed class PeriodogramTests(ITestOutputHelper output)
{
    // Relative to each PSD's peak (issue 16): the two sides differ only in FFT algorithm and summation order.
    private const double Tolerance = 1e-9;

    [Fact]
    public void MatchesScipyForTheErpDipoleAndOddAndEvenSignalsWithBothWindows()
    {
        var inputs = SpectraReference.Signals().ToDictionary(p => p.Key, p => p.Value[Dipole.Agg]);
        inputs["erp_raw_agg"] = SpectraReference.ErpRaw()[Dipole.Agg];
        var worst = 0.0;
        var spectra = SpectraReference.Periodograms();
        foreach (var s in spectra)
        {
            var (f, p) = Periodogram.Compute(inputs[s.Signal], s.Fs, s.Window);
            // Same formula as numpy's rfftfreq, so the frequencies agree bit for bit (band edges depend on it).
            Assert.Equal(s.Frequencies, f);
            var error = SpectraReference.ErrorRelativeToPeak(s.Power, p);
            output.WriteLine($"{s.Signal,-12} {s.Window,-8} N={inputs[s.Signal].Length,5} bins={f.Length,5}: max |ΔP| / max P = {error:E2}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"{spectra.Count} periodograms, worst {worst:E2} (tolerance {Tolerance:E0})");
        Assert.Equal(6, spectra.Count);
        Assert.True(worst <= Tolerance, $"worst error relative to the peak {worst:E2} > {Tolerance:E0}");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void BoxcarPowerSumsToTheVarianceAndTheNyquistBinIsNotDoubled(int n)
    {
        // Parseval with a boxcar: Σ P·fs/N = mean of (x − x̄)² when every bin but 0 Hz (and Nyquist for even N)
        // is doubled. An alternating series has all its power at Nyquist, so for even N that bin alone holds it.
        const double fs = 250.0;
        var x = Enumerable.Range(0, n).Select(k => Math.Sin(0.9 * k) + 0.3 * k + (k % 2 == 0 ? 1.0 : -1.0)).ToArray();
        var mean = x.Average();
        var variance = x.Select(v => (v - mean) * (v - mean)).Average();
        var (f, p) = Periodogram.Compute(x, fs, "boxcar");
        var error = Math.Abs(p.Sum() * fs / n - variance) / variance;
        output.WriteLine($"N={n}: Σ P·fs/N = {p.Sum() * fs / n:R}, variance {variance:R}, relative error {error:E2} (tolerance 1e-13); last bin {f[^1]} Hz");
        Assert.Equal(n / 2 + 1, f.Length);
        Assert.Equal(n % 2 == 0 ? fs / 2 : fs * (n / 2) / n, f[^1], 12);
        Assert.True(error <= 1e-13, $"Parseval relative error {error:E2}");

        var alternating = Enumerable.Range(0, n).Select(k => k % 2 == 0 ? 1.0 : -1.0).ToArray();
        var (_, q) = Periodogram.Compute(alternating, fs, "rectangular");
        var altMean = alternating.Average();
        var altVariance = alternating.Select(v => (v - altMean) * (v - altMean)).Average();
        var altError = Math.Abs(q.Sum() * fs / n - altVariance) / altVariance;
        output.WriteLine($"alternating: Σ P·fs/N relative error {altError:E2}, last bin holds {q[^1] / q.Sum():P3}");
        Assert.True(altError <= 1e-13, $"Parseval relative error {altError:E2} for the alternating series");
    }

    [Fact]
    public void TheHammingWindowIsThePeriodicOne()
    {
        // scipy.signal.get_window('hamming', 8), printed by scipy 1.10.1 (docs/dev/spectra.md §2); tolerance 1e-15.
        double[] expected = [0.08000000000000007, 0.21473088065418822, 0.54, 0.865269119345812, 1.0, 0.865269119345812, 0.54, 0.21473088065418822];
        var w = Periodogram.Window("hamming", 8);
        var error = expected.Zip(w, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"max |Δw| = {error:E2} (tolerance 1e-15)");
        Assert.True(error <= 1e-15, $"window differs by {error:E2}");
        Assert.Equal([1.0], Periodogram.Window("hamming", 1));
    }

    [Fact]
    public void AConstantSeriesHasNoPower()
    {
        // The mean is removed first (detrend='constant'), so only rounding is left: ≤ 1e-25 of 5².
        var (_, p) = Periodogram.Compute(Enumerable.Repeat(5.0, 31).ToArray(), 100.0);
        output.WriteLine($"max P of a constant 5 = {p.Max():E2}");
        Assert.True(p.Max() <= 1e-25 * 25, $"max P {p.Max():E2}");
    }

    [Fact]
    public void RefusesAnUnknownWindowAnEmptySeriesAndABadSamplingFrequency()
    {
        var window = Assert.Throws<ArgumentException>(() => Periodogram.Compute([1.0, 2.0], 10.0, "hann"));
        output.WriteLine(window.Message);
        Assert.Contains("'hann'", window.Message);
        Assert.Contains("hamming, boxcar, rectangular", window.Message);
        Assert.Equal("window", window.ParamName);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Periodogram.Compute([], 10.0)).Message);
        foreach (var fs in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            Assert.Contains($"got {fs}", Assert.Throws<ArgumentException>(() => Periodogram.Compute([1.0, 2.0], fs)).Message);
    }
}
