using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>
/// DipolePsd against what HNN-core v0.6.1's plot_psd computes (tests/data/spectra/psd.csv, docs/dev/spectra.md §4):
/// the drawn line for one trial, the trial mean for several.
/// </summary>
public sealed class DipolePsdTests(ITestOutputHelper output)
{
    // Relative to each PSD's peak (issue 16).
    private const double Tolerance = 1e-9;

    private static IReadOnlyList<Dipole> Input(string name) => name == "erp_raw" ? [SpectraReference.ErpRaw()] : SpectraReference.Trials();

    [Fact]
    public void MatchesPlotPsdsLineForOneTrialAndTheTrialMeanForSeveral()
    {
        var cases = SpectraReference.PsdCases();
        var worst = 0.0;
        foreach (var c in cases)
        {
            var trials = Input(c.Input);
            var (f, p) = DipolePsd.Of(trials, c.Layer, c.Tmin, c.Tmax);
            Assert.Equal(c.Samples / 2 + 1, f.Length);
            Assert.Equal(c.Frequencies, f);
            var error = SpectraReference.ErrorRelativeToPeak(c.TrialMean, p);
            if (trials.Count == 1) error = Math.Max(error, SpectraReference.ErrorRelativeToPeak(c.HnnCoreLine, p));
            output.WriteLine($"{c.Name,-24} {trials.Count} trial(s) {c.Layer,-3} [{c.Tmin?.ToString() ?? "-"}, {c.Tmax?.ToString() ?? "-"}) "
                + $"{c.Samples,5} samples: max |ΔP| / max P = {error:E2}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"{cases.Count} cases, worst {worst:E2} (tolerance {Tolerance:E0})");
        Assert.Contains(cases, c => c.Input == "trials");
        Assert.Contains(cases, c => c.Tmax is not null);
        Assert.True(worst <= Tolerance, $"worst error relative to the peak {worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void HnnCoreDrawsOnlyTheLastTrial()
    {
        // v0.6.1 plots the last trial's periodogram, not the mean (docs/dev/spectra.md §4.2): that line is our PSD of the last trial alone.
        foreach (var c in SpectraReference.PsdCases().Where(c => c.Input == "trials"))
        {
            var trials = Input(c.Input);
            var (_, last) = DipolePsd.Of([trials[^1]], c.Layer, c.Tmin, c.Tmax);
            var error = SpectraReference.ErrorRelativeToPeak(c.HnnCoreLine, last);
            var meanVsLine = SpectraReference.ErrorRelativeToPeak(c.HnnCoreLine, c.TrialMean);
            output.WriteLine($"{c.Name,-24} last trial vs HNN-core's line {error:E2} (tolerance {Tolerance:E0}); the mean differs from it by {meanVsLine:E2}");
            Assert.True(error <= Tolerance, $"{c.Name}: {error:E2}");
            Assert.True(meanVsLine > 1e-3, $"{c.Name}: the reference's mean and line should differ");
        }
    }

    [Fact]
    public void TheLastSampleIsLeftOutWithoutTmax()
    {
        // [t0, t_end): 801 samples of 0..200 ms give 800, i.e. 401 bins at 4000/800 = 5 Hz.
        var (f, _) = DipolePsd.Of(SpectraReference.Trials());
        output.WriteLine($"{f.Length} bins, Δf = {f[1]} Hz");
        Assert.Equal(401, f.Length);
        Assert.Equal(5.0, f[1]);
    }

    [Fact]
    public void RefusesEmptyWindowsMismatchedTrialsAndUnknownLayers()
    {
        var trials = SpectraReference.Trials();
        Assert.Contains("at least one Dipole", Assert.Throws<ArgumentException>(() => DipolePsd.Of([])).Message);
        var window = Assert.Throws<ArgumentException>(() => DipolePsd.Of(trials, tmin: 300.0));
        output.WriteLine(window.Message);
        Assert.Contains("no samples in [300, end)", window.Message);
        Assert.Equal("tmin", window.ParamName);
        Assert.Contains("got NaN", Assert.Throws<ArgumentException>(() => DipolePsd.Of(trials, tmax: double.NaN)).Message);
        Assert.Contains("no layer 'L6'", Assert.Throws<ArgumentException>(() => DipolePsd.Of(trials, "L6")).Message);

        var scaled = SpectraReference.Trials()[1].Scale(3000);
        Assert.Contains("scaled equally", Assert.Throws<ArgumentException>(() => DipolePsd.Of([trials[0], scaled])).Message);
        var coarse = new Dipole(trials[0].Times.Select(t => 2 * t).ToArray(), new Dictionary<string, double[]> { [Dipole.Agg] = trials[0][Dipole.Agg] });
        Assert.Contains("sampled equally", Assert.Throws<ArgumentException>(() => DipolePsd.Of([trials[0], coarse])).Message);
        var shorter = new Dipole(trials[0].Times[..400], new Dictionary<string, double[]> { [Dipole.Agg] = trials[0][Dipole.Agg][..400] });
        var length = Assert.Throws<ArgumentException>(() => DipolePsd.Of([trials[0], shorter]));
        output.WriteLine(length.Message);
        Assert.Contains("trials[1] has 399 samples in the window, trials[0] has 800", length.Message);
    }
}
