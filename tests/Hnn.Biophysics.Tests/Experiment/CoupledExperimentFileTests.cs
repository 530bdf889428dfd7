using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Tests.Coupling;

namespace Hnn.Biophysics.Tests.Experiment;

/// <summary>
/// Coupled experiment files (docs/experiment-file.md, "Coupled networks"): a file builds the
/// MultiNetworkSpec the same calls in C# build; the examples are the coupled tutorial's networks;
/// every mistake is refused with its JSON path and what is allowed.
/// </summary>
public sealed class CoupledExperimentFileTests
{
    private const string Evoked = """{"type": "evoked", "name": "evdist1", "mu": 30, "sigma": 3.8, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.14}, "event_seed": 274}""";

    private const string File = """
        {"networks": {"A": {"model": "jones_2009_model", "mesh_shape": [3, 3], "drives": [EVOKED]},
                      "B": {"model": "jones_2009_model", "mesh_shape": [3, 3]}},
         "projections": [{"name": "A_to_B", "from": "A", "source_types": ["L2_pyramidal", "L5_pyramidal"], "to": "B", "location": "distal",
                          "weights_ampa": {"L5_pyramidal": 0.005, "L2_pyramidal": 0.003}, "synaptic_delays": 0.1, "conn_seed": 42}],
         "tstop": 50}
        """;

    private static readonly string Valid = File.Replace("EVOKED", Evoked);

    private static string Example(string name) => Path.Combine(TestData.RepositoryRoot, "examples", name);

    [Fact]
    public void AFileGivesTheSpecItsCallsWouldBuild()
    {
        var spec = CoupledExperimentReader.Parse(Valid);
        Assert.Equal(["A", "B"], spec.Names);
        Assert.Equal((50.0, 0.025, 1), (spec.TStop, spec.Dt, spec.NTrials));
        Assert.Null(spec.Postproc);
        var p = Assert.Single(spec.Projections);
        Assert.Equal(("A_to_B", "A", "B", "distal", 3.0, 42L), (p.Name, p.From, p.To, p.Location, p.SpaceConstant, p.ConnSeed));
        Assert.Equal(["L2_pyramidal", "L5_pyramidal"], p.SourceTypes);
        Assert.Null(p.WeightsNmda);
        Assert.Empty(p.TargetConfig);

        var mesh = new MeshShape(3, 3);
        var expected = new MultiNetworkSpec()
            .AddNetwork("A", Jones2009.Create(mesh).AddEvokedDrive("evdist1", mu: 30, sigma: 3.8, numspikes: 1, location: "distal",
                weightsAmpa: new Dictionary<string, double> { ["L5_pyramidal"] = 0.14 }, eventSeed: 274))
            .AddNetwork("B", Jones2009.Create(mesh))
            .AddProjection("A_to_B", "A", ["L2_pyramidal", "L5_pyramidal"], "B", "distal", weightsAmpa: CoupledNetworks.ToB, synapticDelays: 0.1, connSeed: 42);
        AssertSameSpec(expected, CoupledExperimentBuilder.Build(spec), spec.TStop);
    }

    [Fact]
    public void TheExamplesAreTheCoupledTutorial()
    {
        var live = CoupledExperimentReader.ReadFile(Example("replay_live.json"));
        Assert.Equal(225.0, live.TStop);
        AssertSameSpec(CoupledNetworks.OneWay(new MeshShape(10, 10)), CoupledExperimentBuilder.Build(live), live.TStop);
        var feedback = CoupledExperimentReader.ReadFile(Example("replay_feedback.json"));
        AssertSameSpec(CoupledNetworks.TutorialFeedback(new MeshShape(10, 10)), CoupledExperimentBuilder.Build(feedback), feedback.TStop);
    }

    [Fact]
    public void CoupledFilesAreToldApart()
    {
        Assert.True(CoupledExperimentReader.IsCoupled(Valid));
        Assert.True(CoupledExperimentReader.IsCoupledFile(Example("replay_feedback.json")));
        Assert.False(CoupledExperimentReader.IsCoupledFile(Example("net_a.json")));
        Assert.False(CoupledExperimentReader.IsCoupled("""{"network": {"model": "jones_2009_model"}, "tstop": 10}"""));
        Assert.False(CoupledExperimentReader.IsCoupled("{\"networks\": "));
        Assert.False(CoupledExperimentReader.IsCoupled("[1]"));
        // The single-network reader points at what the file is.
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentReader.Parse(Valid));
        Assert.Equal("$.networks", e.JsonPath);
        Assert.Contains("a coupled experiment (several networks); only hnn simulate runs one", e.Message);
    }

    // (what, find, replace in the valid file — "*": the whole file —, the message's start)
    public static TheoryData<string, string, string, string> Errors() => new()
    {
        { "a drive's argument of the wrong type", "\"mu\": 30", "\"mu\": \"x\"", "$.networks.A.drives[0].mu: the string \"x\" is not allowed; allowed: mean event time in ms" },
        { "unknown key in a network", "\"B\": {\"model\"", "\"B\": {\"colour\": 1, \"model\"", "$.networks.B.colour: unknown key; allowed keys here: add_drives_from_params, connections, drives, file," },
        { "unknown key in a projection", "\"conn_seed\": 42", "\"conn_seed\": 42, \"delay\": 1", "$.projections[0].delay: unknown key; allowed keys here: conn_seed, from, location, name," },
        { "unknown source network", "\"from\": \"A\"", "\"from\": \"C\"", "$.projections[0].from: \"C\" is not allowed: no network of that name; allowed: \"A\", \"B\"" },
        { "unknown target network in the second projection", "\"conn_seed\": 42}]", "\"conn_seed\": 42}, {\"name\": \"back\", \"from\": \"B\", \"source_types\": [\"L5_pyramidal\"], \"to\": \"Z\", \"location\": \"proximal\"}]",
            "$.projections[1].to: \"Z\" is not allowed: no network of that name; allowed: \"A\", \"B\"" },
        { "unknown source cell type", "[\"L2_pyramidal\", \"L5_pyramidal\"]", "[\"L2_pyramidal\", \"L4_stellate\"]",
            "$.projections[0].source_types: source_types = 'L4_stellate' is invalid: not a cell type of network 'A'. Allowed: 'L2_basket', 'L2_pyramidal', 'L5_basket', 'L5_pyramidal'." },
        { "source_types not a list", "[\"L2_pyramidal\", \"L5_pyramidal\"]", "\"L5_pyramidal\"", "$.projections[0].source_types: the string \"L5_pyramidal\" is not allowed; allowed: a list of cell types" },
        { "unknown target cell type", "{\"L5_pyramidal\": 0.005, \"L2_pyramidal\": 0.003}", "{\"L4_stellate\": 0.005}", "$.projections[0]" },
        { "a projection name twice", "\"conn_seed\": 42}]", "\"conn_seed\": 42}, {\"name\": \"A_to_B\", \"from\": \"B\", \"source_types\": [\"L5_pyramidal\"], \"to\": \"A\", \"location\": \"proximal\"}]",
            "$.projections[1].name: \"A_to_B\" is not allowed: a projection of that name comes earlier" },
        { "target_config's unknown key", "\"conn_seed\": 42}", "\"conn_seed\": 42, \"target_config\": {\"A_L5_pyramidal_GID9\": {\"weight\": 1}}}",
            "$.projections[0].target_config.A_L5_pyramidal_GID9.weight: unknown key; allowed keys here:" },
        { "a network name no folder can have", "\"B\": {\"model\"", "\"C/1\": {\"model\": \"jones_2009_model\"}, \"B\": {\"model\"", "$.networks.C/1: name = 'C/1' is invalid: not a usable network name" },
        { "no networks", "*", "{\"networks\": {}, \"tstop\": 50}", "$.networks: no networks; allowed: one entry or more" },
        { "record", "\"tstop\": 50", "\"tstop\": 50, \"record\": {\"vsec\": \"soma\"}", "$.record: not supported for coupled runs yet" },
        { "electrode_arrays", "\"tstop\": 50", "\"tstop\": 50, \"electrode_arrays\": {}", "$.electrode_arrays: not supported for coupled runs yet" },
        { "spectra", "\"tstop\": 50", "\"tstop\": 50, \"spectra\": {}", "$.spectra: not supported for coupled runs yet" },
        { "network and networks", "\"tstop\": 50", "\"tstop\": 50, \"network\": {\"model\": \"jones_2009_model\"}", "$.network: a file has either \"network\" (one network) or \"networks\" (coupled networks), not both" },
        { "drives at the top level", "\"tstop\": 50", "\"tstop\": 50, \"drives\": []", "$.drives: in a coupled file each network has its own; allowed: \"drives\" inside an entry of \"networks\"" },
        { "tstop missing", "\"tstop\": 50", "\"dt\": 0.025", "$.tstop: missing" },
        { "n_trials 0", "\"tstop\": 50", "\"tstop\": 50, \"n_trials\": 0", "$.n_trials: Invalid number of simulations: 0" },
        { "unknown top-level key", "\"tstop\": 50", "\"tstop\": 50, \"seed\": 1", "$.seed: unknown key; allowed keys here: dt, n_trials, networks, postproc, projections, tstop" },
        { "a bad drive weight, built", "{\"L5_pyramidal\": 0.14}", "{\"L4_stellate\": 0.14}", "$.networks.A.drives[0] ('evdist1'): " },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void MistakesNameTheirJsonPath(string what, string find, string replace, string expected)
    {
        var json = find == "*" ? replace : Valid.Replace(find, replace);
        Assert.True(json != Valid, $"{what}: the case changes nothing");
        var e = Assert.ThrowsAny<FormatException>(() => CoupledExperimentBuilder.Build(CoupledExperimentReader.Parse(json)));
        Assert.True(e.Message.StartsWith(expected, StringComparison.Ordinal), $"{what}: {e.Message}");
    }

    // Same networks (gids, drives and their events, every connection and its pairs) and projections.
    private static void AssertSameSpec(MultiNetworkSpec expected, MultiNetworkSpec actual, double tstop)
    {
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(expected.Projections.Select(p => (p.Name, p.From, p.To, string.Join(",", p.SourceTypes), string.Join(",", p.SourceGids))),
            actual.Projections.Select(p => (p.Name, p.From, p.To, string.Join(",", p.SourceTypes), string.Join(",", p.SourceGids))));
        foreach (var name in expected.Names)
        {
            var (a, b) = (expected[name], actual[name]);
            Assert.Equal(a.GidRanges, b.GidRanges);
            Assert.Equal(a.Drives.Select(d => (d.Name, d.NDriveCells)), b.Drives.Select(d => (d.Name, d.NDriveCells)));
            Assert.Equal(a.Connections.Select(Signature), b.Connections.Select(Signature));
            Assert.Equal(DriveEvents.Generate(a, 0, tstop).SelectMany(d => d.ByCell.SelectMany(t => t)),
                DriveEvents.Generate(b, 0, tstop).SelectMany(d => d.ByCell.SelectMany(t => t)));
        }
    }

    private static string Signature(Connection c) =>
        $"{c.SourceType}>{c.TargetType} {c.Location} {c.Receptor} w{c.Weight:R} d{c.Delay:R} l{c.Lamtha:R} p{c.Probability:R} s{c.ConnSeed} " +
        string.Join(";", c.Pairs.Select(p => $"{p.Source}:{string.Join(",", p.Targets)}"));
}
