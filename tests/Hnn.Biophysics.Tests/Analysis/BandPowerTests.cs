using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>BandPower.Relative against HNN-core v0.6.1's own _get_relative_power (tests/data/spectra/band_power.csv, docs/dev/spectra.md §3).</summary>
public sealed class BandPowerTests(ITestOutputHelper output)
{
    // Relative to the value: a ratio of sums of the periodogram, which agrees with scipy's to ~1e-15 of its peak.
    private const double Tolerance = 1e-9;

    [Fact]
    public void MatchesHnnCoreWithTheSignFlipped()
    {
        var signals = SpectraReference.Signals();
        var dipoles = new Dictionary<string, Dipole>
        {
            ["erp_raw"] = SpectraReference.ErpRaw(),
            ["erp_smooth30_scale3000"] = SpectraReference.ErpSmoothed(),
            ["even_1000"] = signals["even_1000"],
            ["trial0"] = SpectraReference.Trials()[0],
        };
        var csv = Csv.ReadData("spectra", "band_power.csv");
        var worst = 0.0;
        foreach (var row in csv.Rows)
        {
            var edges = row[csv.Column("bands")].Split(';').Select(b => b.Split(':').Select(Csv.Double).ToArray()).ToArray();
            var weights = row[csv.Column("weights")].Split(';').Select(Csv.Double).ToArray();
            var bands = edges.Select((e, i) => (e[0], e[1], weights[i])).ToList();
            var hnnCore = Csv.Double(row[csv.Column("value")]);
            var actual = BandPower.Relative(dipoles[row[csv.Column("dipole")]], Dipole.Agg, bands);
            var error = Math.Abs(actual + hnnCore) / Math.Abs(hnnCore);
            output.WriteLine($"{row[0],-24} {actual:R} vs HNN-core {hnnCore:R}: relative error {error:E2}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"{csv.Rows.Count} cases, worst relative error {worst:E2} (tolerance {Tolerance:E0})");
        Assert.Equal(9, csv.Rows.Count);
        Assert.True(worst <= Tolerance, $"worst relative error {worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void BandEdgesAreInclusiveAndTheColumnIsChosen()
    {
        // even_1000 has bins every 2 Hz: a band [22, 22] is one bin; [21.9, 22.1] the same bin; (22, 24) minus the edge is empty.
        var d = SpectraReference.Signals()["even_1000"];
        var (f, p) = Periodogram.Compute(d[Dipole.Agg], d.SamplingFrequency);
        var share = p[Array.IndexOf(f, 22.0)] / p.Sum();
        var point = BandPower.Relative(d, Dipole.Agg, [(22, 22, 1.0)]);
        var around = BandPower.Relative(d, Dipole.Agg, [(21.9, 22.1, 1.0)]);
        var between = BandPower.Relative(d, Dipole.Agg, [(22.5, 23.5, 1.0)]);
        output.WriteLine($"22 Hz bin share {share:R}; [22,22] {point:R}; [21.9,22.1] {around:R}; [22.5,23.5] {between:R} (tolerance 1e-15)");
        Assert.True(Math.Abs(point - share) <= 1e-15 && Math.Abs(around - share) <= 1e-15, "the 22 Hz bin alone");
        Assert.Equal(0.0, between);

        var erp = SpectraReference.ErpRaw();
        var l5 = BandPower.Relative(erp, Dipole.L5, [(15, 30, 1.0)]);
        var agg = BandPower.Relative(erp, Dipole.Agg, [(15, 30, 1.0)]);
        output.WriteLine($"ERP beta share: L5 {l5:R}, agg {agg:R}");
        Assert.NotEqual(agg, l5);
    }

    [Fact]
    public void ThePowerOfAFlatDipoleIsNaNAsInHnnCore()
    {
        var flat = new Dipole([0.0, 1.0, 2.0, 3.0], new Dictionary<string, double[]> { [Dipole.Agg] = [2.0, 2.0, 2.0, 2.0] });
        var value = BandPower.Relative(flat, Dipole.Agg, [(0, 100, 1.0)]);
        output.WriteLine($"flat dipole: {value}");
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData(30.0, 15.0, 1.0, "fmax must be a finite frequency ≥ fmin (30 Hz), got 15")]
    [InlineData(-1.0, 15.0, 1.0, "fmin must be a finite frequency ≥ 0 Hz, got -1")]
    [InlineData(double.NaN, 15.0, 1.0, "fmin must be a finite frequency ≥ 0 Hz, got NaN")]
    [InlineData(15.0, double.NaN, 1.0, "got NaN")]
    [InlineData(15.0, double.PositiveInfinity, 1.0, "got Infinity")]
    [InlineData(15.0, 30.0, double.NaN, "the weight must be a finite number, got NaN")]
    public void RefusesBadBandsNamingTheValue(double fMin, double fMax, double weight, string message)
    {
        var erp = SpectraReference.Signals()["odd_999"];
        var e = Assert.Throws<ArgumentException>(() => BandPower.Relative(erp, Dipole.Agg, [(8, 12, 1.0), (fMin, fMax, weight)]));
        output.WriteLine(e.Message);
        Assert.Contains("bands[1]", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void RefusesNoBandsAndAnUnknownColumn()
    {
        var d = SpectraReference.Signals()["odd_999"];
        Assert.Contains("at least one frequency band", Assert.Throws<ArgumentException>(() => BandPower.Relative(d, Dipole.Agg, [])).Message);
        var e = Assert.Throws<ArgumentException>(() => BandPower.Relative(d, Dipole.L2, [(8, 12, 1.0)]));
        output.WriteLine(e.Message);
        Assert.Contains("'L2'", e.Message);
        Assert.Contains("columns: agg", e.Message);
    }
}
