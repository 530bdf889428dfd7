using System.Text.Json;
using Hnn.Biophysics.Batch;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Batch;

/// <summary>
/// Sweep files expanded into jobs (docs/sweep-file.md): the examples, values read back from each
/// job's experiment, defaults-only and per-cell-type paths, absolute spike globs, job errors, hashes.
/// </summary>
public class SweepFileTests(ITestOutputHelper output)
{
    private static readonly string Examples = Path.Combine(TestData.RepositoryRoot, "examples");

    private static Sweep Erp(string parameters, string more = "") =>
        Sweep.Parse($$"""{"experiment": "erp.json", "parameters": [{{parameters}}]{{more}}}""", Examples);

    private static EvokedDriveEntry Drive(SweepJob job, string name) =>
        (EvokedDriveEntry)job.Experiment!.Drives.Single(d => d.Name == name);

    private static double Weight(IReadOnlyList<KeyValuePair<string, double>>? weights, string type) => weights!.Single(kv => kv.Key == type).Value;

    [Fact]
    public void ErpExampleIsATwoByThreeGridReadBackFromEachJob()
    {
        var sweep = Sweep.ReadFile(Path.Combine(Examples, "sweep_erp.json"));
        Assert.Equal(["drives.evdist1.weights_ampa.L5_pyramidal", "drives.evprox1.mu"], sweep.ParameterPaths);
        Assert.Equal(("grid", (int?)null), (sweep.Combine, sweep.NTrials));
        Assert.Equal(["summary"], sweep.Keep);
        Assert.Equal("[\"spike_counts\",\"dipole_peak\"]", JsonSerializer.Serialize(sweep.Summaries));
        Assert.Equal(Examples, sweep.BaseDirectory);
        Assert.Equal(Examples, sweep.SummariesBaseDirectory);
        double[] weights = [0.1, 0.1, 0.1, 0.1423, 0.1423, 0.1423], mus = [22, 26, 30, 22, 26, 30];
        Assert.Equal(Enumerable.Range(0, 6), sweep.Jobs.Select(j => j.Id));
        foreach (var job in sweep.Jobs)
        {
            Assert.Null(job.Error);
            // Read the job's own file back, as `hnn simulate jobs/<id>/experiment.json` would.
            var reread = ExperimentReader.Parse(job.ExperimentJson);
            var evdist = (EvokedDriveEntry)reread.Drives[0];
            var evprox = (EvokedDriveEntry)reread.Drives[1];
            Assert.Equal(weights[job.Id], Weight(evdist.WeightsAmpa, "L5_pyramidal"));
            Assert.Equal(mus[job.Id], evprox.Mu);
            // Everything else is the base experiment's.
            Assert.Equal(0.080074, Weight(evdist.WeightsNmda, "L5_pyramidal"));
            Assert.Equal((63.53, 2.47, 274L, 544L), (evdist.Mu, evprox.Sigma, evdist.EventSeed, evprox.EventSeed));
            Assert.Equal([weights[job.Id].ToString("R"), mus[job.Id].ToString("R")], job.Values.Select(v => v.Value));
            Assert.Equal(ExperimentWriter.Write(reread), job.ExperimentJson); // canonical
        }
        output.WriteLine($"6 jobs; hashes {string.Join(" ", sweep.Jobs.Select(j => j.Hash[..8]))}");
    }

    [Fact]
    public void RandomExampleDrawsWhatTheDocSaysAndOverridesTrials()
    {
        var sweep = Sweep.ReadFile(Path.Combine(Examples, "sweep_random.json"));
        Assert.Equal(8, sweep.Jobs.Count);
        Assert.Equal(2, sweep.NTrials);
        Assert.Equal(["summary", "spikes"], sweep.Keep);
        var first = sweep.Jobs[0].Experiment!;
        var evprox = (EvokedDriveEntry)first.Drives[1];
        var evdist = (EvokedDriveEntry)first.Drives[0];
        // numpy: RandomState(7): normal(26.61, 2), uniform(1, 4), exp(uniform(log 0.05, log 0.2)), randint(2)
        Assert.Equal((29.99105140760071, 3.9339685359898082, "distal", 2), (evprox.Mu, evprox.Sigma, evdist.Location, first.NTrials));
        Assert.Equal(0.10548162784103511, Weight(evdist.WeightsAmpa, "L5_pyramidal"), 1e-16);
        Assert.Equal("proximal", sweep.Jobs[2].Experiment!.Drives[0].Location);
        Assert.All(sweep.Jobs, j => Assert.Null(j.Error));
    }

    [Fact]
    public void PathsToDefaultsThatTheFileLeavesOutWork()
    {
        var sweep = Erp("""
            {"path": "drives.evprox1.space_constant", "values": [5]},
            {"path": "drives.evprox1.conn_seed", "values": [11]},
            {"path": "network.inplane_distance", "values": [1.5]},
            {"path": "dt", "values": [0.05]},
            {"path": "network.mesh_shape", "values": [[5, 5]]}
            """);
        var spec = sweep.Jobs.Single().Experiment!;
        var evprox = Drive(sweep.Jobs[0], "evprox1");
        Assert.Equal((5.0, 11L, 1.5, 0.05, 5, 5), (evprox.SpaceConstant, evprox.ConnSeed!.Value, spec.Network.InplaneDistance!.Value, spec.Dt, spec.Network.MeshX, spec.Network.MeshY));
        Assert.Equal(["5", "11", "1.5", "0.05", "[5,5]"], sweep.Jobs[0].Values.Select(v => v.Value));
    }

    [Fact]
    public void AScalarAddressedPerCellTypeBecomesADictOverTheTargets()
    {
        // evdist1's synaptic_delays made one number in an inline experiment, then one type swept.
        var erp = JsonNodeOf("erp.json");
        erp["drives"]![0]!["synaptic_delays"] = 0.2;
        var sweep = Sweep.Parse($$"""{"experiment": {{erp.ToJsonString()}}, "parameters": [{"path": "drives.evdist1.synaptic_delays.L5_pyramidal", "values": [1.5]}]}""", Examples);
        var delays = Drive(sweep.Jobs[0], "evdist1").SynapticDelays;
        Assert.Null(delays.Common);
        Assert.Equal(new Dictionary<string, double> { ["L2_basket"] = 0.2, ["L2_pyramidal"] = 0.2, ["L5_pyramidal"] = 1.5 }, delays.ByType);
    }

    [Fact]
    public void APoissonRateAndDelayAddressedPerCellTypeCoverEveryTarget()
    {
        var sweep = Sweep.Parse("""
            {"experiment": "poisson.json", "parameters": [
              {"path": "drives.poisson.rate_constant.L5_pyramidal", "values": [20]},
              {"path": "drives.poisson.synaptic_delays.L2_basket", "values": [0.5]}]}
            """, Examples);
        var drive = (PoissonDriveEntry)sweep.Jobs[0].Experiment!.Drives[0];
        Assert.Null(sweep.Jobs[0].Error);
        Assert.Equal(new Dictionary<string, double> { ["L2_basket"] = 10, ["L2_pyramidal"] = 10, ["L5_basket"] = 10, ["L5_pyramidal"] = 20 }, drive.RateConstant.ByType);
        Assert.Equal(new Dictionary<string, double> { ["L2_basket"] = 0.5, ["L2_pyramidal"] = 0.1, ["L5_basket"] = 0.1, ["L5_pyramidal"] = 0.1 }, drive.SynapticDelays.ByType);
    }

    [Fact]
    public void ANewCellTypeInAWeightsDictIsAddedWithItsDelay()
    {
        // evprox1 without its L5_basket target, then the target swept back in with its delay.
        var erp = JsonNodeOf("erp.json");
        erp["drives"]![1]!["weights_ampa"]!.AsObject().Remove("L5_basket");
        erp["drives"]![1]!["synaptic_delays"]!.AsObject().Remove("L5_basket");
        var sweep = Sweep.Parse($$"""
            {"experiment": {{erp.ToJsonString()}}, "parameters": [
              {"path": "drives.evprox1.weights_ampa.L5_basket", "values": [0.1, 0.2]},
              {"path": "drives.evprox1.synaptic_delays.L5_basket", "values": [1.0]},
              {"path": "drives.evprox1.weights_nmda.L5_basket", "values": [0.003]}]}
            """, Examples);
        Assert.All(sweep.Jobs, j => Assert.Null(j.Error));
        var evprox = Drive(sweep.Jobs[1], "evprox1");
        Assert.Equal((0.2, 0.003, 1.0), (Weight(evprox.WeightsAmpa, "L5_basket"), Weight(evprox.WeightsNmda, "L5_basket"), evprox.SynapticDelays.ByType!["L5_basket"]));
        Assert.Equal(0.00865, Weight(evprox.WeightsAmpa, "L5_pyramidal"));
        // A drive whose nmda weights are null gets a dict with the swept type only.
        var nmda = Drive(Erp("""{"path": "drives.evprox1.weights_nmda.L5_pyramidal", "values": [0.5]}""").Jobs[0], "evprox1").WeightsNmda;
        Assert.Equal([new KeyValuePair<string, double>("L5_pyramidal", 0.5)], nmda);
    }

    [Fact]
    public void TonicBiasesAndConnectionsAreAddressedByIndexOrName()
    {
        var erp = JsonNodeOf("erp.json");
        erp["tonic_biases"] = JsonNodeOf(null, """[{"bias_name": "tonic", "amplitude": {"L5_pyramidal": 0.5}}]""");
        erp["network"]!["connections"] = JsonNodeOf(null,
            """[{"src_gids": "L2_pyramidal", "target_gids": "L5_basket", "loc": "soma", "receptor": "ampa", "weight": 0.001, "delay": 1, "lamtha": 3}]""");
        var sweep = Sweep.Parse($$"""
            {"experiment": {{erp.ToJsonString()}}, "combine": "zip", "parameters": [
              {"path": "tonic_biases.tonic.amplitude.L2_pyramidal", "values": [0.1, 0.2]},
              {"path": "tonic_biases.0.t0", "values": [10, 20]},
              {"path": "connections.0.weight", "values": [0.002, 0.004]}]}
            """, Examples);
        var job = sweep.Jobs[1].Experiment!;
        Assert.Equal([new("L5_pyramidal", 0.5), new KeyValuePair<string, double>("L2_pyramidal", 0.2)], job.TonicBiases[0].Amplitude);
        Assert.Equal((20.0, 0.004), (job.TonicBiases[0].T0, job.Network.Connections[0].Weight));
    }

    [Fact]
    public void SpikeGlobsAreWrittenAbsoluteSoAJobRunsFromAnyFolder()
    {
        var sweep = Sweep.Parse("""{"experiment": "replay.json", "parameters": [{"path": "drives.drive_from_NetA.conn_seed", "values": [42, 43]}]}""", Examples);
        var expected = Path.Combine(Examples, "net_A", "spk_*.txt");
        foreach (var job in sweep.Jobs)
        {
            Assert.Null(job.Error);
            var spec = ExperimentReader.Parse(job.ExperimentJson);
            var files = ((SpikeTrainDriveEntry)spec.Drives[0]).SpikeData.Files;
            Assert.Equal(expected, files);
            // Built with no base directory at all: the glob alone finds Network A's spikes.
            var net = ExperimentBuilder.BuildNetwork(spec);
            Assert.Equal(139, ((SpikeTrainDrive)net.Drives.Single()).NDriveCells);
        }
        output.WriteLine($"spike_data in the jobs: {expected}");
        // A swept glob is made absolute too; one that matches no file is that job's error only.
        var swept = Sweep.Parse("""{"experiment": "replay.json", "parameters": [{"path": "drives.drive_from_NetA.spike_data", "values": ["net_A/spk_0.txt", "net_Z/spk_*.txt"]}]}""", Examples);
        Assert.Null(swept.Jobs[0].Error);
        Assert.Equal(Path.Combine(Examples, "net_A", "spk_0.txt"), ((SpikeTrainDriveEntry)swept.Jobs[0].Experiment!.Drives[0]).SpikeData.Files);
        output.WriteLine(swept.Jobs[1].Error);
        Assert.Contains("net_Z", swept.Jobs[1].Error);
        Assert.Contains(Path.Combine(Examples, "net_Z"), swept.Jobs[1].ExperimentJson);
    }

    [Fact]
    public void PathsGoOnIntoWhatAListOrObjectHolds()
    {
        var sweep = Sweep.Parse("""
            {"experiment": "replay_target_config.json", "parameters": [
              {"path": "drives.drive_from_NetA.target_config.NetA_L5_pyramidal_*.probability", "values": [0.5, 0.9]},
              {"path": "drives.drive_from_NetA.spike_types.1", "values": ["L5_pyramidal"]}]}
            """, Examples);
        var drive = (SpikeTrainDriveEntry)sweep.Jobs[1].Experiment!.Drives[0];
        Assert.Equal(0.9, drive.TargetConfig.Single(kv => kv.Key == "NetA_L5_pyramidal_*").Value.Probability!.Common);
        Assert.Equal(0.7, drive.TargetConfig.Single(kv => kv.Key == "NetA_L2_pyramidal_*").Value.Probability!.Common);
        Assert.Equal(["\"L5_pyramidal\""], sweep.Jobs[0].Values.Skip(1).Select(v => v.Value));
    }

    [Fact]
    public void ExperimentAndSummariesResolveAgainstTheirOwnFolders()
    {
        var dir = Directory.CreateTempSubdirectory("hnn-sweep-").FullName;
        try
        {
            // The sweep in a folder of its own; the experiment (and its spike files) in examples/.
            var relative = Path.GetRelativePath(dir, Path.Combine(Examples, "replay.json"));
            var file = Path.Combine(dir, "sweep.json");
            // The target must be beside the sweep file: it is read when the sweep is.
            File.Copy(Path.Combine(Examples, "data", "erp_target.txt"), Path.Combine(dir, "t.txt"));
            File.WriteAllText(file, $$$"""{"experiment": "{{{relative}}}", "parameters": [{"path": "tstop", "values": [100]}], "summaries": [{"dipole_rmse": {"target": "t.txt"}}]}""");
            var sweep = Sweep.ReadFile(file);
            Assert.Equal((Examples, dir), (sweep.BaseDirectory, sweep.SummariesBaseDirectory));
            Assert.Equal(Path.Combine(Examples, "net_A", "spk_*.txt"), ((SpikeTrainDriveEntry)sweep.Jobs[0].Experiment!.Drives[0]).SpikeData.Files);
            Assert.Equal("t.txt", sweep.Summaries[0].GetProperty("dipole_rmse").GetProperty("target").GetString());
            Assert.Equal(["dipole_rmse"], sweep.SummaryColumns);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AJobWithAMeshTooLargeForMemoryCarriesItsOwnErrorBeforeItsNetworkIsBuilt()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sweep = Erp("""{"path": "network.mesh_shape", "values": [[2, 2], [1000, 1000]]}""");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms; job 1: {sweep.Jobs[1].Error}");
        Assert.Null(sweep.Jobs[0].Error);
        Assert.Contains("$.network.mesh_shape: [1000, 1000] needs about", sweep.Jobs[1].Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void AJobTheModelRefusesCarriesItsOwnErrorAndTheOthersRun()
    {
        var sweep = Erp("""{"path": "drives.evprox1.sigma", "values": [2, -1, 3]}""");
        Assert.Null(sweep.Jobs[0].Error);
        Assert.Null(sweep.Jobs[2].Error);
        var error = sweep.Jobs[1].Error;
        output.WriteLine(error);
        Assert.NotNull(error);
        Assert.Contains("sigma = -1", error);
        Assert.Contains("$.drives[1] ('evprox1')", error);
        Assert.Null(sweep.Jobs[1].Experiment);
        Assert.Contains("\"sigma\": -1", sweep.Jobs[1].ExperimentJson); // the patched file, kept for the record
        Assert.Equal(Sweep.Hash(sweep.Jobs[1].ExperimentJson), sweep.Jobs[1].Hash);
        // tstop/dt rules are the experiment reader's: also a job error, not a sweep error.
        var dt = Erp("""{"path": "dt", "values": [0.025, 500]}""");
        Assert.Null(dt.Jobs[0].Error);
        Assert.Contains("dt", dt.Jobs[1].Error);
        output.WriteLine(dt.Jobs[1].Error);
    }

    [Fact]
    public void HashIsStableAndFollowsTheExperimentOnly()
    {
        var a = Erp("""{"path": "drives.evprox1.mu", "values": [20, 25, 20.0, 2e1]}""");
        var b = Erp("""{"path": "drives.evprox1.mu", "values": [20]}""");
        var hashes = a.Jobs.Select(j => j.Hash).ToArray();
        output.WriteLine(string.Join(" ", hashes));
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
        Assert.Equal(b.Jobs[0].Hash, hashes[0]); // same experiment, another sweep file
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.Equal(hashes[0], hashes[2]); // 20, 20.0 and 2e1 are one value
        Assert.Equal(hashes[0], hashes[3]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(a.Jobs[1].ExperimentJson))), hashes[1]);
        // The sweep's n_trials is part of the experiment, so it changes the hash.
        Assert.NotEqual(b.Jobs[0].Hash, Erp("""{"path": "drives.evprox1.mu", "values": [20]}""", ", \"n_trials\": 3").Jobs[0].Hash);
    }

    [Fact]
    public void DefaultsOfTheSweepFile()
    {
        var sweep = Erp("""{"path": "tstop", "values": [100]}""");
        Assert.Equal(("grid", (int?)null, JsonValueKind.Array, 0),
            (sweep.Combine, sweep.NTrials, sweep.Summaries.ValueKind, sweep.Summaries.GetArrayLength()));
        Assert.Equal(["summary"], sweep.Keep);
        Assert.Equal(1, sweep.Jobs[0].Experiment!.NTrials);
        Assert.Equal(["summary", "spikes", "dipole"], Erp("""{"path": "tstop", "values": [100]}""", ", \"keep\": [\"dipole\", \"summary\", \"spikes\"]").Keep);
    }

    [Fact]
    public void EveryKeyTheWriterWritesForADriveIsAddressable()
    {
        // The path table must not fall behind the experiment file: each canonical drive key is sweepable (or type/name).
        foreach (var file in new[] { "erp.json", "poisson.json", "bursty.json", "replay.json", "replay_target_config.json" })
            foreach (var drive in JsonNodeOf(null, ExperimentWriter.Write(ExperimentReader.ReadFile(Path.Combine(Examples, file))))["drives"]!.AsArray())
                foreach (var key in drive!.AsObject().Select(kv => kv.Key).Where(k => k is not ("type" or "name")))
                    Assert.True(ExperimentPaths.DriveKeys[(string)drive["type"]!].ContainsKey(key), $"{file}: {drive["type"]} key {key}");
    }

    private static System.Text.Json.Nodes.JsonNode JsonNodeOf(string? example, string? text = null) =>
        System.Text.Json.Nodes.JsonNode.Parse(text ?? File.ReadAllText(Path.Combine(Examples, example!)),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
}
