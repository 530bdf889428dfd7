using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>Reads the spectra reference data and its inputs (tests/data/spectra/, its README.md).</summary>
internal static class SpectraReference
{
    /// <summary>One periodogram scipy computed: the input's name, the window, fs and the arrays.</summary>
    public sealed record Spectrum(string Signal, string Window, double Fs, double[] Frequencies, double[] Power);

    /// <summary>One plot_psd case: the input, layer, window, HNN-core's drawn line and the trial mean.</summary>
    public sealed record PsdCase(string Name, string Input, string Layer, double? Tmin, double? Tmax, int Samples,
        double[] Frequencies, double[] HnnCoreLine, double[] TrialMean);

    /// <summary>The raw ERP trial 0 (agg, L2, L5) that the ERP cases start from.</summary>
    public static Dipole ErpRaw() => FromCsv(Csv.ReadData("erp_run", "dipole_trial0.csv.gz"));

    public static Dipole ErpSmoothed() => FromCsv(Csv.ReadData("erp_run", "dipole_smooth30_scale3000_trial0.csv.gz"));

    /// <summary>The synthetic series of signals.csv as agg-only dipoles, by name.</summary>
    public static IReadOnlyDictionary<string, Dipole> Signals()
    {
        var csv = Csv.ReadData("spectra", "signals.csv");
        return csv.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key,
            g => new Dipole([.. g.Select(r => Csv.Double(r[1]))], new Dictionary<string, double[]> { [Dipole.Agg] = [.. g.Select(r => Csv.Double(r[2]))] }));
    }

    /// <summary>The three synthetic trials of trials.csv, in order.</summary>
    public static IReadOnlyList<Dipole> Trials()
    {
        var csv = Csv.ReadData("spectra", "trials.csv");
        return [.. csv.Rows.GroupBy(r => Csv.Int(r[0])).OrderBy(g => g.Key).Select(g => new Dipole([.. g.Select(r => Csv.Double(r[1]))],
            new Dictionary<string, double[]>
            {
                [Dipole.Agg] = [.. g.Select(r => Csv.Double(r[2]))],
                [Dipole.L2] = [.. g.Select(r => Csv.Double(r[3]))],
                [Dipole.L5] = [.. g.Select(r => Csv.Double(r[4]))],
            }))];
    }

    public static IReadOnlyList<Spectrum> Periodograms()
    {
        var csv = Csv.ReadData("spectra", "periodogram.csv");
        return [.. csv.Rows.GroupBy(r => (r[0], r[1])).Select(g => new Spectrum(g.Key.Item1, g.Key.Item2, Csv.Double(g.First()[2]),
            [.. g.Select(r => Csv.Double(r[3]))], [.. g.Select(r => Csv.Double(r[4]))]))];
    }

    public static IReadOnlyList<PsdCase> PsdCases()
    {
        var arrays = Csv.ReadData("spectra", "psd.csv").Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.ToList());
        double? Optional(string field) => field.Length == 0 ? null : Csv.Double(field);
        return [.. Csv.ReadData("spectra", "psd_cases.csv").Rows.Select(r => new PsdCase(r[0], r[1], r[2], Optional(r[3]), Optional(r[4]), Csv.Int(r[5]),
            [.. arrays[r[0]].Select(a => Csv.Double(a[1]))], [.. arrays[r[0]].Select(a => Csv.Double(a[2]))], [.. arrays[r[0]].Select(a => Csv.Double(a[3]))]))];
    }

    /// <summary>max |actual − expected| / max |expected|: the error measure of docs/dev/spectra.md §5.</summary>
    public static double ErrorRelativeToPeak(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var peak = expected.Max(Math.Abs);
        return expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() / peak;
    }

    private static Dipole FromCsv(Csv csv) => new(csv.Doubles("time"), new Dictionary<string, double[]>
    {
        [Dipole.Agg] = csv.Doubles("agg"),
        [Dipole.L2] = csv.Doubles("L2"),
        [Dipole.L5] = csv.Doubles("L5"),
    });
}
