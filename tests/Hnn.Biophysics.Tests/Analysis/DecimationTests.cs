using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>
/// Decimation against scipy 1.10.1 (cheby1 and decimate) and the decim of HNN-core v0.6.1's
/// plot_tfr_morlet (tests/data/spectra/decim_*.csv, tfr_*decim*.csv, docs/dev/spectra.md §7).
/// </summary>
public sealed class DecimationTests(ITestOutputHelper output)
{
    private const double CoefficientTolerance = 1e-12; // relative, per coefficient
    private const double Tolerance = 1e-9;             // relative to the peak

    private static int[] Factors(string field) => [.. field.Split(';').Select(Csv.Int)];

    [Fact]
    public void FiltersMatchScipysCheby1()
    {
        var rows = Csv.ReadData("spectra", "decim_filters.csv").Rows;
        var worst = new Dictionary<string, double> { ["b"] = 0, ["a"] = 0, ["sos"] = 0 };
        foreach (var q in rows.Select(r => Csv.Int(r[0])).Distinct())
        {
            var (b, a) = Decimation.TransferFunction(q);
            var sos = Decimation.Sections(q);
            var mine = rows.Where(r => Csv.Int(r[0]) == q).ToList();
            Assert.Equal(9, mine.Count(r => r[1] == "b"));
            Assert.Equal(9, mine.Count(r => r[1] == "a"));
            Assert.Equal(24, mine.Count(r => r[1] == "sos"));
            var errors = new Dictionary<string, double> { ["b"] = 0, ["a"] = 0, ["sos"] = 0 };
            foreach (var r in mine)
            {
                var (row, index, expected) = (Csv.Int(r[2]), Csv.Int(r[3]), Csv.Double(r[4]));
                var actual = r[1] switch { "b" => b[index], "a" => a[index], _ => sos[row, index] };
                var error = expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
                errors[r[1]] = Math.Max(errors[r[1]], error);
            }
            output.WriteLine($"q = {q,2}: max relative error b {errors["b"]:E2}, a {errors["a"]:E2}, sos {errors["sos"]:E2}");
            foreach (var k in errors.Keys) worst[k] = Math.Max(worst[k], errors[k]);
        }
        output.WriteLine($"worst: b {worst["b"]:E2}, a {worst["a"]:E2}, sos {worst["sos"]:E2} (tolerance {CoefficientTolerance:E0})");
        Assert.All(worst.Values, e => Assert.True(e <= CoefficientTolerance, $"{e:E2} > {CoefficientTolerance:E0}"));
    }

    [Fact]
    public void DecimateMatchesScipy()
    {
        var erp = SpectraReference.ErpRaw();
        var signals = SpectraReference.Signals();
        Dipole Input(string name) => name == "erp_raw_agg" ? erp : signals[name];
        var csv = Csv.ReadData("spectra", "decim_signals.csv.gz");
        var worst = 0.0;
        var cases = 0;
        foreach (var g in csv.Rows.GroupBy(r => (r[0], r[1])))
        {
            var input = Input(g.Key.Item1);
            var factors = Factors(g.Key.Item2);
            var (data, times, fs) = Decimation.Apply(input[Dipole.Agg], input.Times, input.SamplingFrequency, factors);
            var expected = g.Select(r => Csv.Double(r[3])).ToArray();
            Assert.Equal(g.Select(r => Csv.Double(r[2])), times);
            Assert.Equal(expected.Length, data.Length);
            Assert.Equal(input.SamplingFrequency / factors.Aggregate(1, (p, q) => p * q), fs);
            var peak = expected.Max(Math.Abs);
            var error = expected.Zip(data, (e, d) => Math.Abs(e - d)).Max() / peak;
            output.WriteLine($"{g.Key.Item1,-12} decim [{string.Join(", ", factors)}]: {input.Times.Length} -> {data.Length} samples, max |Δ| / peak = {error:E2}");
            worst = Math.Max(worst, error);
            cases++;
        }
        output.WriteLine($"{cases} cases, worst {worst:E2} (tolerance {Tolerance:E0})");
        Assert.True(cases >= 8);
        Assert.True(worst <= Tolerance, $"{worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void DecimatedPsdMatchesPeriodogramOfScipysDecimate()
    {
        var cases = Csv.ReadData("spectra", "decim_psd_cases.csv").Rows;
        var psd = Csv.ReadData("spectra", "decim_psd.csv").Rows;
        var worst = 0.0;
        foreach (var c in cases)
        {
            double? Optional(string field) => field.Length == 0 ? null : Csv.Double(field);
            IReadOnlyList<Dipole> trials = c[1] == "erp_raw" ? [SpectraReference.ErpRaw()] : SpectraReference.Trials();
            var (freqs, power) = DipolePsd.Of(trials, c[2], Optional(c[3]), Optional(c[4]), Factors(c[5]));
            var rows = psd.Where(r => r[0] == c[0]).ToList();
            Assert.Equal(rows.Select(r => Csv.Double(r[4])), freqs);
            var expected = rows.Select(r => Csv.Double(r[5])).ToArray();
            var error = expected.Zip(power, (e, p) => Math.Abs(e - p)).Max() / expected.Max();
            output.WriteLine($"{c[0],-22} fs {c[6]} Hz, {freqs.Length} bins: max |ΔP| / max P = {error:E2}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"{cases.Count} cases, worst {worst:E2} (tolerance {Tolerance:E0})");
        Assert.True(cases.Count >= 4);
        Assert.True(worst <= Tolerance, $"{worst:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void TfrWithDecimMatchesPlotTfrMorlet()
    {
        var worst = 0.0;
        var compared = 0;
        foreach (var file in new[] { "tfr_cases.csv", "decim_tfr_cases.csv" })
            foreach (var c in Csv.ReadData("spectra", file).Rows)
            {
                if (c[5].Length == 0 || c[11].Length > 0) continue;
                double? Optional(string field) => field.Length == 0 ? null : Csv.Double(field);
                var freqs = c[7].Split(';').Select(Csv.Double).ToArray();
                var result = MorletTfr.Power(Input(c[1]), freqs, [.. c[8].Split(';').Select(Csv.Double)], c[2], Optional(c[3]), Optional(c[4]),
                    c[6].Length == 0 ? null : c[6], Factors(c[5]));
                Assert.Equal(Csv.Int(c[10]), result.Times.Length);
                var stride = Csv.Int(c[9]);
                var (error, n) = TfrReference.Compare(c[0], freqs.Length, result, stride);
                output.WriteLine($"{c[0],-26} decim [{c[5].Replace(';', ',')}] padding {c[6],-6} {freqs.Length} freqs × {n} times: max |ΔP| / max P = {error:E2}");
                worst = Math.Max(worst, error);
                compared++;
            }
        output.WriteLine($"{compared} cases, worst {worst:E2} (tolerance {Tolerance:E0})");
        Assert.True(compared >= 8, $"only {compared} cases compared");
        Assert.True(worst <= Tolerance, $"{worst:E2} > {Tolerance:E0}");
    }

    private static IReadOnlyList<Dipole> Input(string name) => name switch
    {
        "erp_raw" => [SpectraReference.ErpRaw()],
        "trial0" => [SpectraReference.Trials()[0]],
        "trial2" => [SpectraReference.Trials()[2]],
        _ => SpectraReference.Trials(),
    };

    [Fact]
    public void RefusesWhatScipyAndMneRefuse()
    {
        var trial = SpectraReference.Trials()[0];
        // A step left with 8 samples cannot be filtered (scipy: "must be greater than padlen, which is 27").
        var ex = Assert.Throws<ArgumentException>(() => MorletTfr.Power([trial], [10.0], [3.0], decim: [10, 10, 2]));
        output.WriteLine(ex.Message);
        Assert.Contains("needs more than 27", ex.Message);
        // 250 Hz above the Nyquist frequency of 4000 Hz / 10 (mne: "Cannot compute freq above Nyquist freq of the data (200.0 Hz)").
        ex = Assert.Throws<ArgumentException>(() => MorletTfr.Power([trial], [150.0, 250.0], [3.0], decim: [10]));
        output.WriteLine(ex.Message);
        Assert.Contains("0 < f <= 200 Hz", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => DipolePsd.Of([trial], decim: [2, 0]));
        Assert.Contains("must be a positive int", ex.Message);
        Assert.Throws<ArgumentException>(() => Decimation.FiltFilt(Decimation.Sections(2), new double[27]));
        Assert.Equal(28, Decimation.Decimate(new double[28], 1).Length);
        // HNN-core v0.6.1 refuses decim with several trials (its sfreq check trips on trial 2); the mean is computed here.
        var three = MorletTfr.Power(SpectraReference.Trials(), [90.0, 80.0], [3.0], Dipole.L5, padding: null, decim: [3]);
        Assert.Equal(267, three.Times.Length);
    }
}
