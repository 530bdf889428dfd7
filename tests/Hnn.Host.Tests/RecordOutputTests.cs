using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn simulate` with an experiment's "record": the trace files land in --out with the other outputs (every
/// trial, the files HNN-core's record_* options describe), equal to the sequential engine's values, and no
/// staging folder stays behind; a sweep that asks to record is refused with the reason.
/// </summary>
public sealed class RecordOutputTests(ITestOutputHelper output)
{
    private const string Experiment = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 30, "dt": 0.025, "n_trials": 2,
         "record": {"vsec": "soma", "isec": "soma", "ca": "all"},
         "drives": [{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_pyramidal": 0.02, "L5_pyramidal": 0.02, "L2_basket": 0.02, "L5_basket": 0.02}}]}
        """;

    [Fact]
    public void SimulateWritesEveryTrialsTraceFiles()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "rec.json");
        File.WriteAllText(file, Experiment);
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("simulate", file, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);

        var names = Directory.GetFiles(outDir, "*.csv.gz").Select(p => Path.GetFileName(p)!).Order().ToArray();
        output.WriteLine(string.Join(" ", names));
        string[] types = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"];
        var expected = new[] { 0, 1 }.SelectMany(t => types.SelectMany(c => new[] { $"vsec_{t}_{c}.csv.gz", $"isec_{t}_{c}.csv.gz" })
            .Append($"ca_{t}_L5_pyramidal.csv.gz")).Order().ToArray();
        Assert.Equal(expected, names);
        Assert.Equal(new[] { "out", "rec.json" }, Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Order().ToArray());

        // The values are the sequential engine's (trial 0), whatever the CLI's shard layout.
        var spec = ExperimentReader.Parse(Experiment);
        var net = ExperimentBuilder.BuildNetwork(spec);
        var reference = new NetworkTrial(net, spec.TStop, spec.Dt, recording: new RecordingOptions(spec.Record!, Path.Combine(dir, "ref"))).Run();
        foreach (var f in reference.Traces!.Files)
        {
            var ours = TraceTable.ReadCsv(Path.Combine(outDir, Path.GetFileName(f.Path)));
            var theirs = f.Read();
            Assert.Equal(theirs.Names, ours.Names);
            foreach (var name in theirs.Names) Assert.Equal(theirs[name], ours[name]);
        }
        var v = TraceTable.ReadCsv(Path.Combine(outDir, "vsec_0_L5_pyramidal.csv.gz"));
        var l5 = net.RangeOf("L5_pyramidal");
        Assert.Equal(["time", .. l5.Gids.Select(g => $"{g}_soma")], v.Names);
        Assert.Equal(1201, v.RowCount);
        Assert.Equal(-72.0, v[$"{l5.Start}_soma"][0]);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ASweepThatRecordsIsRefused()
    {
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "rec.json"), Experiment);
        var sweep = Path.Combine(dir, "sweep.json");
        File.WriteAllText(sweep, """{"experiment": "rec.json", "parameters": [{"path": "drives.ev.mu", "values": [5, 6]}]}""");
        var r = HnnProcess.Run("batch", sweep, "--out", Path.Combine(dir, "out"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("record no voltages, currents or calcium", r.Stderr);
        File.WriteAllText(Path.Combine(dir, "rec.json"), Experiment.Replace("\"record\": {\"vsec\": \"soma\", \"isec\": \"soma\", \"ca\": \"all\"}",
            "\"electrode_arrays\": {\"s\": {\"positions\": [[0, 0, 0]]}}"));
        r = HnnProcess.Run("batch", sweep, "--out", Path.Combine(dir, "out"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("keep no extracellular potentials", r.Stderr);
        Directory.Delete(dir, recursive: true);
    }
}
