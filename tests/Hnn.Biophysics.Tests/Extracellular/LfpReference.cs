using System.Text.Json;
using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Morphology;
using Hnn.TestSupport;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>tests/data/lfp (made by tests/data/lfp/make_lfp_reference.py; see its README.md), read once.</summary>
internal static class LfpReference
{
    public sealed record Section(int Gid, string Type, string Name, int FirstColumn, int Nseg, double L,
        Point3 Start, Point3 End, Point3 Position)
    {
        public SectionLine Line => new(Name, Start, End, L, Nseg);
    }

    private static readonly Lazy<Section[]> SectionsLazy = new(() =>
    {
        var csv = Csv.ReadData("lfp", "sections.csv.gz");
        return csv.Rows.Select(r => new Section(Csv.Int(r[0]), r[1], r[2], Csv.Int(r[3]), Csv.Int(r[4]), Csv.Double(r[5]),
            new Point3(Csv.Double(r[7]), Csv.Double(r[8]), Csv.Double(r[9])),
            new Point3(Csv.Double(r[10]), Csv.Double(r[11]), Csv.Double(r[12])),
            new Point3(Csv.Double(r[13]), Csv.Double(r[14]), Csv.Double(r[15])))).ToArray();
    });

    /// <summary>Every NEURON section in h.allsec() order (= the column order of imem.csv.gz).</summary>
    public static IReadOnlyList<Section> Sections => SectionsLazy.Value;

    private static readonly Lazy<JsonDocument> SummaryLazy = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestData.Path("lfp", "summary.json"))));

    public static JsonElement Summary => SummaryLazy.Value.RootElement;

    private static readonly Lazy<Dictionary<string, Point3>> ElectrodesLazy = new(() =>
        Csv.ReadData("lfp", "electrodes_extra.csv.gz").Rows.ToDictionary(r => r[0],
            r => new Point3(Csv.Double(r[1]), Csv.Double(r[2]), Csv.Double(r[3]))));

    /// <summary>Electrodes of transfer.csv.gz by name: shank_0 … shank_24 and the min_distance probes.</summary>
    public static IReadOnlyDictionary<string, Point3> Electrodes => ElectrodesLazy.Value;

    public static Point3[] Shank() =>
        Enumerable.Range(0, Summary.GetProperty("depths").GetArrayLength()).Select(i => Electrodes[$"shank_{i}"]).ToArray();

    public sealed record Transfer(int Gid, string Type, string Section, int Segment, string Electrode, string Method,
        double MinDistance, double Conductivity, double Value);

    private static readonly Lazy<Transfer[]> TransfersLazy = new(() =>
        Csv.ReadData("lfp", "transfer.csv.gz").Rows.Select(r => new Transfer(Csv.Int(r[0]), r[1], r[2], Csv.Int(r[3]), r[4], r[5],
            Csv.Double(r[6]), Csv.Double(r[7]), Csv.Double(r[8]))).ToArray());

    /// <summary>HNN-core's _transfer_resistance for one cell of each type, several electrodes and settings.</summary>
    public static IReadOnlyList<Transfer> Transfers => TransfersLazy.Value;

    /// <summary>An array's LFP as written: sample indices, times and [contact][row] potentials (µV).</summary>
    public sealed record Lfp(int[] Samples, double[] Times, double[][] Contacts);

    public static Lfp ReadRows(string file)
    {
        var csv = Csv.ReadData("lfp", file);
        var contacts = Enumerable.Range(2, csv.Header.Count - 2).Select(csv.Doubles).ToArray();
        return new Lfp(csv.Ints(0), csv.Doubles(1), contacts);
    }

    /// <summary>i_membrane_ (nA) of every segment, by captured sample, in h.allsec() column order.</summary>
    public static Dictionary<int, double[]> MembraneCurrents()
    {
        var csv = Csv.ReadData("lfp", "imem.csv.gz");
        var n = Summary.GetProperty("n_segments").GetInt32();
        var result = new Dictionary<int, double[]>();
        foreach (var r in csv.Rows)
        {
            var s = Csv.Int(r[0]);
            if (!result.TryGetValue(s, out var v)) result[s] = v = new double[n];
            v[Csv.Int(r[1])] = Csv.Double(r[2]);
        }
        return result;
    }
}
