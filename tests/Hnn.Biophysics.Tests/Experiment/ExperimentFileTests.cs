using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Tests.Drives;

namespace Hnn.Biophysics.Tests.Experiment;

/// <summary>The experiment file (docs/experiment-file.md): examples, round trip, strictness.</summary>
public class ExperimentFileTests
{
    private static string Example(string name) => Path.Combine(TestData.RepositoryRoot, "examples", name);

    private static NetworkSpec Build(string file) =>
        ExperimentBuilder.BuildNetwork(ExperimentReader.ReadFile(Example(file)), Path.GetDirectoryName(Example(file)));

    // sweep_*.json and fit_*.json are sweep and fit files (docs/sweep-file.md, docs/fit-file.md), not experiments;
    // coupled experiments (replay_live.json, replay_feedback.json) have their own tests (CoupledExperimentFileTests).
    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(TestData.RepositoryRoot, "examples"), "*.json")
        .Where(f => !CoupledExperimentReader.IsCoupledFile(f))
        .Select(Path.GetFileName).Where(f => !f!.StartsWith("sweep_", StringComparison.Ordinal) && !f.StartsWith("fit_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExamplesRoundTrip(string file)
    {
        var spec = ExperimentReader.ReadFile(Example(file));
        var written = ExperimentWriter.Write(spec);
        var reread = ExperimentReader.Parse(written);
        Assert.Equal(written, ExperimentWriter.Write(reread));
        // Same network and events from the original and the re-read file.
        var dir = Path.GetDirectoryName(Example(file));
        var a = ExperimentBuilder.BuildNetwork(spec, dir);
        var b = ExperimentBuilder.BuildNetwork(reread, dir);
        Assert.Equal(a.GidRanges, b.GidRanges);
        Assert.Equal(a.Connections.Select(c => c.PairCount), b.Connections.Select(c => c.PairCount));
        for (var trial = 0; trial < spec.NTrials; trial++)
            Assert.Equal(DriveEvents.Generate(a, trial, spec.TStop).SelectMany(d => d.ByCell.SelectMany(t => t)),
                DriveEvents.Generate(b, trial, reread.TStop).SelectMany(d => d.ByCell.SelectMany(t => t)));
    }

    [Fact]
    public void ErpExampleIsTheReferenceErpNetwork()
    {
        var net = Build("erp.json");
        var expected = ReferenceEventsTests.ReadEvents(TestData.Path("erp", "n_trials_1", "drive_events.csv"), timeColumn: 3);
        var actual = DriveEvents.Generate(net, 0, 170).SelectMany(d => d.ByGid.Where(kv => kv.Value.Length > 0)
            .Select(kv => (Key: (0, d.Drive, kv.Key), kv.Value))).ToDictionary(p => p.Key, p => p.Value.ToList());
        var (compared, mismatches, first) = ReferenceEventsTests.Compare(expected, actual);
        Assert.True(compared == 775 && mismatches == 0, $"erp.json: {compared} events, {mismatches} differ; {first}");
        Assert.Equal(191025, NetConResolver.Resolve(net).Count);
    }

    [Fact]
    public void ReplayExampleIsTheTutorialsNetworkB()
    {
        var net = Build("replay.json");
        var drive = (SpikeTrainDrive)net.Drives.Single();
        Assert.Equal((139, "range(270, 409)"), (drive.NDriveCells, drive.Gids.ToString()));
        var expectedMap = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(
            File.ReadAllText(TestData.Path("seed_replay", "net_B", "source_to_gid_map.json")))!;
        Assert.Equal(expectedMap.OrderBy(kv => kv.Value), drive.SourceToGidMap.OrderBy(kv => kv.Value));
        var expected = ReferenceEventsTests.ReadEvents(TestData.Path("seed_replay", "net_B", "drive_events.csv"), timeColumn: 3);
        var actual = DriveEvents.Generate(net, 0, 225).Single().ByGid.Where(kv => kv.Value.Length > 0)
            .ToDictionary(kv => (0, "drive_from_NetA", kv.Key), kv => kv.Value.ToList());
        var (compared, mismatches, first) = ReferenceEventsTests.Compare(expected, actual);
        Assert.True(compared == 312 && mismatches == 0, $"replay.json: {compared} events, {mismatches} differ; {first}");
        Assert.Equal(2, net.Connections.Count(c => c.SourceType == "drive_from_NetA"));
    }

    [Fact]
    public void EveryArgumentRoundTrips()
    {
        const string json = """
        {
          "network": {"model": "network", "mesh_shape": [3, 3], "legacy_mode": false, "inplane_distance": 2.0, "layer_separation": 1000.0,
            "connections": [
              {"src_gids": "L2_pyramidal", "target_gids": "L2_basket", "loc": "soma", "receptor": "ampa", "weight": 0.001, "delay": 1.0,
               "lamtha": 3.0, "threshold": null, "gain": 0.5, "allow_autapses": false, "probability": 0.5, "conn_seed": 7},
              {"src_gids": [0, 1], "target_gids": [[2], [1, 2]], "loc": "soma", "receptor": "gabaa", "weight": 0.01, "delay": 1.0, "lamtha": 20.0},
              {"src_gids": 4, "target_gids": ["L2_basket"], "loc": "soma", "receptor": "gabaa", "weight": 0.01, "delay": 1.0, "lamtha": 20.0}
            ]},
          "tstop": 100, "dt": 0.05, "n_trials": 3,
          "drives": [
            {"type": "poisson", "name": "p", "rate_constant": {"L2_basket": 5.0}, "location": "proximal", "tstop": null,
             "weights_ampa": {"L2_basket": 0.01}, "probability": {"L2_basket": 0.5}, "conn_seed": 4},
            {"type": "bursty", "name": "b", "burst_rate": 10, "location": "distal", "n_drive_cells": 3,
             "weights_nmda": {"L2_pyramidal": 0.01}, "space_constant": 50.0},
            {"type": "spike_train", "name": "s", "spike_data": [[5.0, 1], [7.5, 0]], "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}},
            {"type": "spike_train", "name": "s2", "spike_data": {"a": [1.0, 2.0], "b": [3.0]}, "location": "distal", "conn_seed": 1,
             "target_config": {"a": {"target_cell_types": ["L2_pyramidal"], "location": "proximal", "weights_ampa": {"L2_pyramidal": 0.2},
                                     "synaptic_delays": {"L2_pyramidal": 1.5}, "probability": 0.7, "space_constant": 5.0, "conn_seed": 9},
                               "b": {"weights_nmda": {"L5_pyramidal": 0.1}}}}
          ],
          "tonic_biases": [{"bias_name": "tonic", "amplitude": {"L5_pyramidal": 0.5}, "t0": 10, "tstop": null, "section": "soma"}]
        }
        """;
        var spec = ExperimentReader.Parse(json);
        var text = ExperimentWriter.Write(spec);
        var again = ExperimentReader.Parse(text);
        Assert.Equal(text, ExperimentWriter.Write(again));
        var net = ExperimentBuilder.BuildNetwork(again);
        Assert.Equal(3, net.Connections.Count(c => c.SourceType.StartsWith("L2", StringComparison.Ordinal)));
        Assert.Equal(["p", "b", "s", "s2"], net.Drives.Select(d => d.Name));
        Assert.Single(net.TonicBiases);
        Assert.Equal(2.0, net.InplaneDistance);
        Assert.Contains("\"n_drive_cells\": \"n_cells\"", text);
        Assert.Contains("\"conn_seed\": null", text);
    }

    [Fact]
    public void AtomicWriteLeavesNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("hnn-exp-").FullName;
        try
        {
            var spec = ExperimentReader.ReadFile(Example("poisson.json"));
            ExperimentWriter.WriteFile(Path.Combine(dir, "x.json"), spec);
            Assert.Equal(["x.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Equal(ExperimentWriter.Write(spec), File.ReadAllText(Path.Combine(dir, "x.json")));
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void Rejects(string json, string path, params string[] fragments)
    {
        var ex = Assert.Throws<ExperimentFileException>(() =>
            ExperimentBuilder.BuildNetwork(ExperimentReader.Parse(json)));
        Assert.True(ex.JsonPath == path, $"expected path {path}, got {ex.JsonPath}: {ex.Message}");
        foreach (var f in fragments) Assert.True(ex.Message.Contains(f, StringComparison.Ordinal), $"message lacks '{f}': {ex.Message}");
    }

    private const string Ok = """{"type": "evoked", "name": "ev", "mu": 10, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L2_pyramidal": 0.01}""";

    private static string WithDrive(string drive) => $$"""{"network": {"model": "jones_2009_model"}, "tstop": 170, "drives": [{{drive}}]}""";

    [Fact] public void UnknownTopLevelKey() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 170, "t_stop": 5}""", "$.t_stop", "unknown key", "tstop");
    [Fact] public void UnknownNetworkKey() => Rejects("""{"network": {"model": "jones_2009_model", "mesh": [2, 2]}, "tstop": 170}""", "$.network.mesh", "unknown key", "mesh_shape");
    [Fact] public void UnknownDriveKey() => Rejects(WithDrive(Ok + ", \"sigmaa\": 2}"), "$.drives[0].sigmaa", "unknown key", "sigma");
    [Fact] public void FiltersOnlyForSpikeFiles() => Rejects(WithDrive("""{"type": "spike_train", "name": "s", "spike_data": {"a": [1]}, "location": "distal", "weights_ampa": {"L2_pyramidal": 0.1}, "source_prefix": "X"}"""),
        "$.drives[0].source_prefix", "only allowed when spike_data is a spike-file path");
    [Fact] public void UnknownTargetConfigKey() => Rejects(WithDrive("""{"type": "spike_train", "name": "s", "spike_data": {"a": [1]}, "location": "distal", "target_config": {"a": {"weight": 1}}}"""),
        "$.drives[0].target_config.a.weight", "unknown key");
    [Fact] public void UnknownConnectionKey() => Rejects("""{"network": {"model": "network", "connections": [{"src_gids": 1, "target_gids": 2, "loc": "soma", "receptor": "gabaa", "weight": 1, "delay": 1, "lamtha": 3, "seed": 1}]}, "tstop": 10}""",
        "$.network.connections[0].seed", "unknown key", "conn_seed");
    [Fact] public void MissingNetwork() => Rejects("""{"tstop": 170}""", "$.network", "missing");
    [Fact] public void MissingTstop() => Rejects("""{"network": {"model": "jones_2009_model"}}""", "$.tstop", "missing");
    [Fact] public void NegativeTstop() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": -1}""", "$.tstop", "tstop must be a positive number of ms, got -1");
    [Fact] public void DtLongerThanTstop() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "dt": 2}""", "$.dt", "dt must be positive and at most tstop (1 ms), got 2");
    [Fact] public void TooManySteps() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1e9, "dt": 1e-9}""", "$.dt", "needs 1E+18 steps; at most 2147483646 are allowed");
    [Fact] public void ZeroTrials() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "n_trials": 0}""", "$.n_trials", "Invalid number of simulations: 0");
    [Fact] public void UnknownModel() => Rejects("""{"network": {"model": "law_2022_model"}, "tstop": 1}""", "$.network.model", "\"law_2022_model\"",
        "\"jones_2009_model\", \"neymotin_2020_model\", \"law_2021_model\", \"calcium_model\", \"network\"");
    [Fact] public void RecordScopeMustBeSomaOrAll() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "record": {"vsec": "dend"}}""", "$.record.vsec", "the string \"dend\"", "\"soma\", \"all\", false or null");
    [Fact] public void RecordTrueIsNotAScope() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "record": {"isec": true}}""", "$.record.isec", "true", "\"soma\"");
    [Fact] public void UnknownRecordKey() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "record": {"v": "soma"}}""", "$.record.v", "unknown key");

    [Fact] public void ElectrodePositionsNeedThreeNumbers() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "electrode_arrays": {"s": {"positions": [[0, 0]]}}}""",
        "$.electrode_arrays.s.positions[0]", "three numbers [x, y, z]");
    [Fact] public void ElectrodeMethodIsPsaOrLsa() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "electrode_arrays": {"s": {"positions": [[0, 0, 1]], "method": "csd"}}}""",
        "$.electrode_arrays.s.method", "'csd'", "'psa', 'lsa'");
    [Fact] public void ElectrodeConductivityPositive() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "electrode_arrays": {"s": {"positions": [[0, 0, 1]], "conductivity": 0}}}""",
        "$.electrode_arrays.s.conductivity", "conductivity must be a positive number");
    [Fact] public void ElectrodeMinDistancePositive() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "electrode_arrays": {"s": {"positions": [[0, 0, 1]], "min_distance": -1}}}""",
        "$.electrode_arrays.s.min_distance", "min_distance must be a positive number");

    [Fact]
    public void ElectrodeArraysAreReadBuiltAndWrittenBack()
    {
        var spec = ExperimentReader.Parse("""{"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 1, "electrode_arrays": {"a": {"positions": [[0, 0, 1], [0, 0, 101.5]], "method": "lsa"}, "b": {"positions": [[5, 5, 5]], "conductivity": 0.15, "min_distance": 2}}}""");
        var net = ExperimentBuilder.BuildNetwork(spec);
        Assert.Equal(["a", "b"], net.ElectrodeArrays.Select(a => a.Name));
        Assert.Equal(("lsa", 0.3, 0.5), (net.ElectrodeArrays[0].Method, net.ElectrodeArrays[0].Conductivity, net.ElectrodeArrays[0].MinDistance));
        Assert.Equal(("psa", 0.15, 2.0), (net.ElectrodeArrays[1].Method, net.ElectrodeArrays[1].Conductivity, net.ElectrodeArrays[1].MinDistance));
        var again = ExperimentBuilder.BuildNetwork(ExperimentReader.Parse(ExperimentWriter.Write(spec))).ElectrodeArrays;
        Assert.Equal(net.ElectrodeArrays.Select(a => (a.Name, a.Method, a.Conductivity, a.MinDistance, string.Join(";", a.Positions))),
            again.Select(a => (a.Name, a.Method, a.Conductivity, a.MinDistance, string.Join(";", a.Positions))));
    }

    [Fact]
    public void RecordIsReadAndWrittenBack()
    {
        var spec = ExperimentReader.Parse("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "record": {"vsec": "all", "ca": "soma", "isec": false}}""");
        Assert.Equal(new Hnn.Biophysics.Recording.RecordSpec(Hnn.Biophysics.Recording.RecordScope.All, Hnn.Biophysics.Recording.RecordScope.None,
            Hnn.Biophysics.Recording.RecordScope.Soma), spec.Record);
        Assert.Equal(spec.Record, ExperimentReader.Parse(ExperimentWriter.Write(spec)).Record);
    }
    [Fact] public void MeshShapeNeedsTwoInts() => Rejects("""{"network": {"model": "jones_2009_model", "mesh_shape": [10]}, "tstop": 1}""", "$.network.mesh_shape", "two positive integers");
    [Fact] public void MeshShapeFloat() => Rejects("""{"network": {"model": "jones_2009_model", "mesh_shape": [2.5, 3]}, "tstop": 1}""", "$.network.mesh_shape[0]", "2.5");
    [Fact] public void MeshShapeNegative() => Rejects("""{"network": {"model": "jones_2009_model", "mesh_shape": [-2, 3]}, "tstop": 1}""", "$.network.mesh_shape", "mesh_shape must be a tuple of positive integers");
    [Fact] public void UnknownDriveType() => Rejects(WithDrive("""{"type": "gaussian", "name": "g"}"""), "$.drives[0].type", "\"gaussian\"", "\"evoked\"");
    [Fact] public void MissingRequiredArgument() => Rejects(WithDrive("""{"type": "evoked", "name": "ev", "sigma": 1, "numspikes": 1, "location": "distal"}"""), "$.drives[0].mu", "missing");
    [Fact] public void WrongJsonType() => Rejects(WithDrive(Ok.Replace("\"sigma\": 1", "\"sigma\": \"1\"") + "}"), "$.drives[0].sigma", "the string \"1\"", "allowed");
    [Fact] public void ProbabilityMustBeNumberOrDict() => Rejects(WithDrive(Ok + ", \"probability\": \"0.5\"}"), "$.drives[0].probability", "a number or a dict");
    [Fact] public void NDriveCellsForm() => Rejects(WithDrive(Ok + ", \"n_drive_cells\": \"all\"}"), "$.drives[0].n_drive_cells", "\"n_cells\" or an integer");
    [Fact] public void SpikeTimesMustBeAList() => Rejects(WithDrive("""{"type": "spike_train", "name": "s", "spike_data": {"a": 1.0}, "location": "distal"}"""), "$.drives[0].spike_data.a",
        "Spike times for source 'a' must be a list or array");
    [Fact] public void SpikeDataForm() => Rejects(WithDrive("""{"type": "spike_train", "name": "s", "spike_data": 3, "location": "distal"}"""), "$.drives[0].spike_data", "spike_data must be either:");
    [Fact] public void EventSeedMustBeAnInteger() => Rejects(WithDrive(Ok + ", \"event_seed\": null}"), "$.drives[0].event_seed", "null", "a non-negative integer");
    [Fact] public void DuplicateKey() => Rejects("""{"network": {"model": "jones_2009_model"}, "tstop": 1, "tstop": 2}""", "$.tstop", "appears twice");
    [Fact] public void InvalidJson() => Assert.Contains("not valid JSON", Assert.Throws<ExperimentFileException>(() => ExperimentReader.Parse("{\"network\": ")).Message);
    [Fact] public void ApiErrorsCarryTheEntryPath() => Rejects(WithDrive(Ok.Replace("\"sigma\": 1", "\"sigma\": -1") + "}"), "$.drives[0] ('ev')", "sigma = -1", "Standard deviation cannot be negative");
    [Fact] public void ConnectionErrorsCarryThePath() => Rejects("""{"network": {"model": "network", "connections": [{"src_gids": 1, "target_gids": 2, "loc": "soma", "receptor": "gabab", "weight": 1, "delay": 1, "lamtha": 3}]}, "tstop": 10}""",
        "$.network.connections[0]", "receptor = 'gabab'");
    [Fact] public void MissingFileIsNamed() => Assert.Contains("nope.json", Assert.Throws<ExperimentFileException>(() => ExperimentReader.ReadFile("/nonexistent/nope.json")).Message);
}
