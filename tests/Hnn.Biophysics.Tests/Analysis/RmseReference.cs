using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>Reads the RMSE reference cases and their input series (tests/data/rmse/, tests/data/README.md).</summary>
internal static class RmseReference
{
    public sealed record Case(string Name, string Simulated, string Target, double? Tstart, double? Tstop, int SimLength, int TargetLength, double Rmse);

    public static IReadOnlyList<Case> Cases()
    {
        var csv = Csv.ReadData("rmse", "cases.csv");
        double? Optional(string field) => field.Length == 0 ? null : Csv.Double(field);
        return [.. csv.Rows.Select(r => new Case(r[csv.Column("case")], r[csv.Column("simulated")], r[csv.Column("target")],
            Optional(r[csv.Column("tstart")]), Optional(r[csv.Column("tstop")]),
            Csv.Int(r[csv.Column("sim_length")]), Csv.Int(r[csv.Column("target_length")]), Csv.Double(r[csv.Column("rmse")])))];
    }

    /// <summary>Every input series by name, as an agg-only dipole.</summary>
    public static IReadOnlyDictionary<string, Dipole> Series()
    {
        var csv = Csv.ReadData("rmse", "series.csv");
        var series = csv.Rows.GroupBy(r => r[0]).ToDictionary(g => g.Key,
            g => AggOnly([.. g.Select(r => Csv.Double(r[1]))], [.. g.Select(r => Csv.Double(r[2]))]));
        var erp = Csv.ReadData("erp_run", "dipole_smooth30_scale3000_trial0.csv.gz");
        series["erp_smooth30_scale3000"] = AggOnly(erp.Doubles("time"), erp.Doubles("agg"));
        series["erp_target"] = Dipole.Read(TestData.Example(Path.Combine("data", "erp_target.txt")));
        return series;
    }

    public static Dipole AggOnly(double[] times, double[] agg) => new(times, new Dictionary<string, double[]> { [Dipole.Agg] = agg });
}
