using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>
/// MorletTfr against the power HNN-core v0.6.1's plot_tfr_morlet draws with mne 1.3.0
/// (tests/data/spectra/tfr_*.csv, docs/dev/spectra.md §6).
/// </summary>
public sealed class MorletTfrTests(ITestOutputHelper output)
{
    // Relative to each case's peak power (issue 16).
    private const double Tolerance = 1e-9;

    private static IReadOnlyList<Dipole> Input(string name) => name == "erp_raw" ? [SpectraReference.ErpRaw()] : SpectraReference.Trials();

    private static double[] List(string field) => [.. field.Split(';').Select(Csv.Double)];

    [Fact]
    public void MatchesPlotTfrMorletWithoutDecimation()
    {
        var cases = Csv.ReadData("spectra", "tfr_cases.csv").Rows;
        var worst = 0.0;
        var compared = 0;
        foreach (var c in cases)
        {
            // The decim cases are DecimationTests'.
            if (c[5].Length > 0 || c[11].Length > 0) continue;
            double? Optional(string field) => field.Length == 0 ? null : Csv.Double(field);
            var freqs = List(c[7]);
            var result = MorletTfr.Power(Input(c[1]), freqs, List(c[8]), c[2], Optional(c[3]), Optional(c[4]), c[6].Length == 0 ? null : c[6]);
            Assert.Equal(Csv.Int(c[10]), result.Times.Length);
            var stride = Csv.Int(c[9]);
            var (error, n) = TfrReference.Compare(c[0], freqs.Length, result, stride);
            output.WriteLine($"{c[0],-22} {c[1],-7} {c[2],-3} padding {c[6],-6} {freqs.Length} freqs × {n} times compared: max |ΔP| / max P = {error:E2}");
            worst = Math.Max(worst, error);
            compared++;
        }
        output.WriteLine($"{compared} cases, worst {worst:E2} (tolerance {Tolerance:E0})");
        Assert.True(compared >= 4, $"only {compared} cases compared");
        Assert.True(worst <= Tolerance, $"worst error relative to the peak {worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void RefusesWaveletsLongerThanThePaddedSignalAsMneDoes()
    {
        // erp_n7_10hz and erp_f2: HNN-core (mne) raises; so must we, naming the frequency.
        var refused = 0;
        foreach (var c in Csv.ReadData("spectra", "tfr_cases.csv").Rows.Where(r => r[0] is "erp_n7_10hz" or "erp_f2"))
        {
            Assert.Contains("longer than the signal", string.Join(",", c[11..]));
            var e = Assert.Throws<ArgumentException>(() => MorletTfr.Power(Input(c[1]), List(c[7]), List(c[8]), c[2]));
            output.WriteLine($"{c[0]}: {e.Message}");
            Assert.Contains("10 Hz", e.Message);
            refused++;
        }
        Assert.Equal(2, refused);
    }

    [Fact]
    public void RefusesBadFrequenciesCyclesAndPadding()
    {
        var erp = new[] { SpectraReference.ErpRaw() };
        foreach (var (freqs, cycles, padding, needle) in new (double[], double[], string?, string)[]
        {
            ([], [7.0], "zeros", "empty"),
            ([30, -1], [7.0], "zeros", "freqs[1] = -1"),
            ([30, 30000], [7.0], "zeros", "Nyquist"),
            ([30, 40], [7.0, 7.0, 7.0], "zeros", "3 values"),
            ([30, 40], [0.0], "zeros", "nCycles[0] = 0"),
            ([30], [7.0], "edge", "padding 'edge'"),
        })
        {
            var e = Assert.Throws<ArgumentException>(() => MorletTfr.Power(erp, freqs, cycles, padding: padding));
            output.WriteLine(e.Message);
            Assert.Contains(needle, e.Message);
        }
    }
}
