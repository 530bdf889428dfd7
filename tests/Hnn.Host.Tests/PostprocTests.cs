using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// Dipole post-processing and the full-precision dipole files of `hnn simulate`: the ERP example
/// with smooth 30 ms and scale 3000 against HNN-core on NEURON, the raw per-layer sums against
/// NEURON's, and the experiment's "postproc" key against the options that override it.
/// </summary>
public sealed class PostprocTests(ITestOutputHelper output)
{
    private const string Small = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [3, 3]}, "tstop": 30, "dt": 0.025, "n_trials": 2,
         "drives": [{"type": "evoked", "name": "ev", "mu": 8, "sigma": 1, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_pyramidal": 0.02, "L5_pyramidal": 0.5}, "event_seed": 3}]POSTPROC}
        """;

    private static string Write(string json)
    {
        var file = Path.Combine(HnnProcess.TempDir(), "experiment.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static Dictionary<string, double[]> ReadCsv(string dir, string name) => Csv.Read(Path.Combine(dir, name)).NumericColumns();

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Fact]
    public void ErpWithSmooth30Scale3000MatchesNeuronAndTheRawSumsToo()
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "erp");
        var r = HnnProcess.Run("simulate", TestData.Example("erp.json"), "--out", dir, "--smooth", "30", "--scale", "3000");
        Assert.True(r.ExitCode == 0, r.Stderr);

        var files = new[] { ("dipole_0.csv", "dipole_smooth30_scale3000_trial0.csv.gz"), ("dipole_raw_fAm_0.csv", "dipole_neuron_raw_fAm.csv.gz") };
        foreach (var (ours, neuron) in files)
        {
            var mine = ReadCsv(dir, ours);
            var reference = Csv.ReadData("erp_run", neuron).NumericColumns();
            Assert.Equal(["time", "agg", "L2", "L5"], Csv.Read(Path.Combine(dir, ours)).Header);
            Assert.Equal(reference["time"].Length, mine["time"].Length);
            Assert.True(reference["time"].Zip(mine["time"]).All(p => Math.Abs(p.First - p.Second) <= 1e-9), $"{ours}: times differ from {neuron}");
            foreach (var key in new[] { "agg", "L2", "L5" })
            {
                var peak = reference[key].Max(Math.Abs);
                var err = reference[key].Zip(mine[key], (a, b) => Math.Abs(a - b)).Max();
                output.WriteLine($"{ours} vs NEURON's {neuron} {key}: max|Δ| = {err:E2} (peak {peak:G5})");
                Assert.True(err <= 1e-9 * peak, $"{ours} {key}: max|Δ| {err:E3} > 1e-9 × peak {peak:G4}");
            }
        }

        // dipole_0.txt is HNN-core's 4-decimal format of the very same numbers.
        var csv = ReadCsv(dir, "dipole_0.csv");
        var dipole = new Dipole(csv["time"], new Dictionary<string, double[]> { ["agg"] = csv["agg"], ["L2"] = csv["L2"], ["L5"] = csv["L5"] });
        var text = new StringWriter();
        dipole.Write(text);
        Assert.Equal(text.ToString(), File.ReadAllText(Path.Combine(dir, "dipole_0.txt")));

        var summary = Summary(dir);
        Assert.Equal(170.0, summary.GetProperty("tstop").GetDouble());
        Assert.Equal(30.0, summary.GetProperty("postproc").GetProperty("smooth").GetDouble());
        Assert.Equal(3000.0, summary.GetProperty("postproc").GetProperty("scale").GetDouble());
    }

    [Fact]
    public void PostprocKeySmoothsThenScalesEveryTrialAndTheOptionsReplaceItsKeys()
    {
        var plain = Path.Combine(HnnProcess.TempDir(), "plain");
        Assert.Equal(0, HnnProcess.Run("simulate", Write(Small.Replace("POSTPROC", "")), "--out", plain).ExitCode);
        var file = Write(Small.Replace("POSTPROC", """, "postproc": {"smooth": 5, "scale": 3000}"""));
        var fromFile = Path.Combine(HnnProcess.TempDir(), "file");
        var r = HnnProcess.Run("simulate", file, "--out", fromFile);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var overridden = Path.Combine(HnnProcess.TempDir(), "override");
        r = HnnProcess.Run("simulate", file, "--out", overridden, "--scale", "10");
        Assert.True(r.ExitCode == 0, r.Stderr);

        foreach (var (dir, smooth, scale) in new[] { (fromFile, 5.0, 3000.0), (overridden, 5.0, 10.0) })
        {
            for (var trial = 0; trial < 2; trial++)
            {
                // HNN-core's order on the unprocessed dipole of the same run: smooth, then scale.
                var raw = ReadCsv(plain, $"dipole_{trial}.csv");
                var expected = new Dipole(raw["time"], new Dictionary<string, double[]> { ["agg"] = raw["agg"], ["L2"] = raw["L2"], ["L5"] = raw["L5"] })
                    .Smooth(smooth).Scale(scale);
                var mine = ReadCsv(dir, $"dipole_{trial}.csv");
                var worst = new[] { "agg", "L2", "L5" }.Max(k => expected[k].Zip(mine[k], (a, b) => Math.Abs(a - b)).Max());
                var peak = expected["agg"].Max(Math.Abs);
                output.WriteLine($"{Path.GetFileName(dir)} trial {trial}: smooth {smooth} then scale {scale}; max|Δ| to the in-test post-processing {worst:E2} (agg peak {peak:G4})");
                Assert.True(worst == 0, $"trial {trial}: post-processed dipole differs by {worst:E3}");
                Assert.True(peak > 1e-3, "the dipole is all but zero, the comparison would compare nothing");
            }
            var pp = Summary(dir).GetProperty("postproc");
            Assert.Equal(smooth, pp.GetProperty("smooth").GetDouble());
            Assert.Equal(scale, pp.GetProperty("scale").GetDouble());
        }
        // The raw sums do not depend on post-processing.
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "dipole_raw_fAm_1.csv")), File.ReadAllText(Path.Combine(fromFile, "dipole_raw_fAm_1.csv")));
        var none = Summary(plain).GetProperty("postproc");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("smooth").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("scale").ValueKind);
    }

    [Fact]
    public void RawCsvIsTheNanoAmpereDipoleBeforeBaselineAndUnits()
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "out");
        Assert.Equal(0, HnnProcess.Run("simulate", Write(Small.Replace("POSTPROC", "")), "--out", dir, "--n-trials", "1").ExitCode);
        var raw = ReadCsv(dir, "dipole_raw_fAm_0.csv");
        var nam = ReadCsv(dir, "dipole_0.csv");
        // docs/dev/dipole.md §4.1–§4.2 for a 3 × 3 mesh (N_pyr = 9), written out here independently.
        var worst = 0.0;
        for (var k = 0; k < raw["time"].Length; k++)
        {
            var t = raw["time"][k];
            var l2 = (raw["L2"][k] - 9 * 0.0443) * 1e-6;
            var l5 = (raw["L5"][k] - 9 * (t <= 37.0 ? -49.0502 : 3.4770508e-3 * t - 51.231085)) * 1e-6;
            worst = Math.Max(worst, Math.Max(Math.Abs(l2 - nam["L2"][k]), Math.Abs(l5 - nam["L5"][k])));
            Assert.Equal(raw["L2"][k] + raw["L5"][k], raw["agg"][k]);
        }
        output.WriteLine($"baseline(raw)·1e-6 vs dipole_0.csv: max|Δ| = {worst:E2} nAm over {raw["time"].Length} samples");
        Assert.True(worst <= 1e-15, $"max|Δ| {worst:E3}");
        Assert.Equal(0.0, raw["agg"][0]);
        // Shortest round-trip numbers: reading and re-printing gives the file's text back.
        var line = File.ReadLines(Path.Combine(dir, "dipole_raw_fAm_0.csv")).Skip(100).First();
        Assert.Equal(line, string.Join(",", line.Split(',').Select(f => Csv.Double(f).ToString("R", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void PostprocKeySurvivesWritingAndReadingAndIsLeftOutWhenAbsent()
    {
        var spec = Hnn.Biophysics.Experiment.ExperimentReader.Parse(Small.Replace("POSTPROC", """, "postproc": {"smooth": 30}"""));
        Assert.Equal(new Hnn.Biophysics.Experiment.PostprocEntry(30, null), spec.Postproc);
        var written = Hnn.Biophysics.Experiment.ExperimentWriter.Write(spec);
        Assert.Contains("\"postproc\"", written);
        Assert.Equal(spec.Postproc, Hnn.Biophysics.Experiment.ExperimentReader.Parse(written).Postproc);
        Assert.Equal(written, Hnn.Biophysics.Experiment.ExperimentWriter.Write(Hnn.Biophysics.Experiment.ExperimentReader.Parse(written)));
        // Without the key the text is what it was before the key existed (batch job keys hash it).
        var plain = Hnn.Biophysics.Experiment.ExperimentWriter.Write(Hnn.Biophysics.Experiment.ExperimentReader.Parse(Small.Replace("POSTPROC", "")));
        Assert.DoesNotContain("postproc", plain);
        Assert.Equal("smooth 30 ms", spec.Postproc!.ToString());
    }

    public static TheoryData<string, string, string[]> BadPostproc() => new()
    {
        { "negative window", """, "postproc": {"smooth": -1}""", ["$.postproc.smooth", "smoothing window -1 ms", "allowed"] },
        { "window below 1 ms", """, "postproc": {"smooth": 0.5}""", ["$.postproc.smooth", "0.5"] },
        { "window longer than the run", """, "postproc": {"smooth": 100}""", ["$.postproc.smooth", "4000 samples, longer than the run's 1201 samples"] },
        { "zero scale", """, "postproc": {"scale": 0}""", ["$.postproc.scale", "scale factor 0", "> 0"] },
        { "scale as text", """, "postproc": {"scale": "big"}""", ["$.postproc.scale", "the string \"big\""] },
        { "unknown key", """, "postproc": {"window": 30}""", ["$.postproc.window: unknown key", "scale, smooth"] },
        { "not an object", """, "postproc": true""", ["$.postproc", "expected a JSON object"] },
    };

    [Theory]
    [MemberData(nameof(BadPostproc))]
    public void BadPostprocKeyIsRefusedWithItsJsonPath(string why, string postproc, string[] messages)
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "out");
        var r = HnnProcess.Run("simulate", Write(Small.Replace("POSTPROC", postproc)), "--out", dir);
        output.WriteLine($"{why}: {r.Stderr.Trim()}");
        Assert.Equal(2, r.ExitCode);
        foreach (var m in messages) Assert.Contains(m, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir));
    }
}
