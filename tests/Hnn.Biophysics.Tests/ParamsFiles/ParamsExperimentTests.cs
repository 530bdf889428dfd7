using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.ParamsFiles;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.ParamsFiles;

/// <summary>
/// The experiment file's "params" and "add_drives_from_params" keys (docs/experiment-file.md),
/// n_trials from the params file, the round trip, and the errors of bad params values.
/// </summary>
public sealed class ParamsExperimentTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-params-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteExperiment(string network, string rest = "\"tstop\": 170")
    {
        var path = Path.Combine(_dir, "experiment.json");
        File.WriteAllText(path, $"{{\"network\": {network}, {rest}}}");
        return path;
    }

    private string CopyParams(string name)
    {
        File.Copy(ParamsReference.File(name), Path.Combine(_dir, name), overwrite: true);
        return name;
    }

    private static NetworkSpec Build(string experimentPath) =>
        ExperimentBuilder.BuildNetwork(ExperimentReader.ReadFile(experimentPath), Path.GetDirectoryName(experimentPath));

    [Fact]
    public void RegressionExperimentBuildsHnnCoresNetworkAndRoundTrips()
    {
        CopyParams("default.json");
        var path = WriteExperiment("{\"model\": \"jones_2009_model\", \"params\": \"default.json\", \"add_drives_from_params\": true, \"legacy_mode\": true}");
        var spec = ExperimentReader.ReadFile(path);
        Assert.Equal((170.0, 0.025, 1), (spec.TStop, spec.Dt, spec.NTrials));   // N_trials 1 from the params file
        var net = Build(path);
        var expected = ParamsReference.Network("default.json", legacy: true);
        Assert.Equal(expected.GidRanges, net.GidRanges);
        Assert.Equal(expected.Connections.Select(c => (c.SourceType, c.TargetType, c.Receptor, c.Weight, c.PairCount)),
            net.Connections.Select(c => (c.SourceType, c.TargetType, c.Receptor, c.Weight, c.PairCount)));

        var written = ExperimentWriter.Write(spec);
        output.WriteLine(written);
        Assert.Contains("\"params\": \"default.json\"", written);
        Assert.Contains("\"add_drives_from_params\": true", written);
        var reread = ExperimentReader.Parse(written, _dir);
        Assert.Equal(spec.Network with { Connections = [] }, reread.Network with { Connections = [] });
        Assert.Equal(written, ExperimentWriter.Write(reread));
        Assert.Equal(net.GidRanges, ExperimentBuilder.BuildNetwork(reread, _dir).GidRanges);
    }

    [Fact]
    public void ParamsWithoutDrivesKeepsTheModelsConnectionsOnly()
    {
        CopyParams("default.param");
        var net = Build(WriteExperiment("{\"model\": \"jones_2009_model\", \"params\": \"default.param\"}", "\"tstop\": 170, \"n_trials\": 2"));
        Assert.Empty(net.Drives);
        Assert.Equal(Jones2009.Create().Connections.Select(c => c.Weight), net.Connections.Select(c => c.Weight));
        var bare = Build(WriteExperiment("{\"model\": \"network\", \"params\": \"default.param\", \"add_drives_from_params\": true}"));
        Assert.Equal(["evdist1", "evprox1", "evprox2"], bare.Drives.Select(d => d.Name));
        Assert.Equal(22, bare.Connections.Count);   // the drives' only: Network(params) has no cell-to-cell connections
    }

    [Fact]
    public void GbarKeysSetTheCellToCellWeights()
    {
        File.WriteAllText(Path.Combine(_dir, "weights.json"), "{\"gbar_L2Pyr_L5Pyr\": 0.001, \"gbar_L5Basket_L5Basket\": 0.5}");
        var net = Build(WriteExperiment("{\"model\": \"jones_2009_model\", \"params\": \"weights.json\"}"));
        // Keys the file lacks take the built-in defaults, which are 0.
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0.001, 0.001, 0, 0, 0, 0.5, 0, 0], net.Connections.Select(c => c.Weight));
    }

    [Fact]
    public void Jones2009WeightsSourceDefaultsToDefaultJson()
    {
        static IEnumerable<(string, string, string, double, int)> Summary(NetworkSpec n) =>
            n.Connections.Select(c => (c.SourceType, c.TargetType, c.Receptor, c.Weight, c.PairCount));
        Assert.Equal(Summary(Jones2009.Create()), Summary(Jones2009.Create(weights: Jones2009.DefaultWeights)));
        var missing = Jones2009.DefaultWeights.Where(kv => kv.Key != "gbar_L2Pyr_L5Basket").ToDictionary();
        var e = Assert.Throws<ArgumentException>(() => Jones2009.Create(weights: missing));
        output.WriteLine(e.Message);
        Assert.Contains("'gbar_L2Pyr_L5Basket'", e.Message);
    }

    [Fact]
    public void NTrialsComesFromTheParamsFileWhenTheExperimentOmitsIt()
    {
        File.WriteAllText(Path.Combine(_dir, "three.param"), "N_trials: 3\ndt: 0.05\n");
        Assert.Equal(3, ExperimentReader.ReadFile(WriteExperiment("{\"model\": \"jones_2009_model\", \"params\": \"three.param\"}")).NTrials);
        // dt is not taken from the params (HNN-core's simulate_dipole does not read it), n_trials given wins.
        var spec = ExperimentReader.ReadFile(WriteExperiment("{\"model\": \"jones_2009_model\", \"params\": \"three.param\"}", "\"tstop\": 50, \"n_trials\": 2"));
        Assert.Equal((0.025, 2), (spec.Dt, spec.NTrials));
    }

    [Theory]
    [InlineData("{\"model\": \"jones_2009_model\", \"add_drives_from_params\": true}", "$.network.add_drives_from_params", "needs a params file")]
    [InlineData("{\"model\": \"jones_2009_model\", \"param\": \"default.json\"}", "$.network.param", "unknown key")]
    [InlineData("{\"model\": \"jones_2009_model\", \"params\": \"default.txt\"}", "$.network.params", "Unrecognized extension")]
    [InlineData("{\"model\": \"jones_2009_model\", \"params\": 3}", "$.network.params", "the number 3 is not allowed")]
    [InlineData("{\"model\": \"jones_2009_model\", \"params\": \"missing.json\"}", "$.network.params", "does not exist")]
    public void BadExperimentKeysNameTheirPath(string network, string path, string expected)
    {
        var e = Assert.Throws<ExperimentFileException>(() => Build(WriteExperiment(network)));
        output.WriteLine(e.Message);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("threshold: -10.0", "key 'threshold'", "-10.0 mV is not supported")]
    [InlineData("celsius: 6.3", "key 'celsius'", "6.3 °C is not supported")]
    [InlineData("repeats_prox: 10.0", "key 'repeats_prox'", "10.0 is not allowed; allowed: an integer")]
    [InlineData("t0_input_prox: soon", "key 't0_input_prox'", "'soon' is not allowed; allowed: a finite number")]
    [InlineData("input_dist_A_delay_L5: -1", "key 'input_dist_A_delay_L5'", "KeyError 'L2Pyr'")]
    [InlineData("gbar_L2Pyr_L5Pyr: -0.5", "key 'gbar_L2Pyr_L5Pyr'", "weight = -0.5 is invalid")]
    [InlineData("sigma_t_evprox_1: -1.0", "drive 'evprox1'", "Standard deviation cannot be negative")]
    public void BadParamsValuesNameFileAndKey(string line, string where, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "bad.param"), File.ReadAllText(ParamsReference.File("default.param")) + line + "\n");
        var e = Assert.Throws<ExperimentFileException>(() => Build(WriteExperiment(
            "{\"model\": \"jones_2009_model\", \"params\": \"bad.param\", \"add_drives_from_params\": true}", "\"tstop\": 170, \"n_trials\": 1")));
        output.WriteLine(e.Message);
        Assert.Equal("$.network.params", e.JsonPath);
        Assert.Contains(Path.Combine(_dir, "bad.param") + ": " + where, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void NTrialsBelowOneInTheParamsIsRefused()
    {
        File.WriteAllText(Path.Combine(_dir, "zero.param"), "N_trials: 0\n");
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentReader.ReadFile(WriteExperiment("{\"model\": \"jones_2009_model\", \"params\": \"zero.param\"}")));
        output.WriteLine(e.Message);
        Assert.Equal("$.n_trials", e.JsonPath);
        Assert.Contains("Invalid number of simulations: 0", e.Message);
    }

    [Fact]
    public void TonicBiasesComeFromItonicKeysSetOnTheParams()
    {
        // A file's Itonic_* keys are dropped by reading (not in the default set), as in HNN-core.
        Assert.Empty(ParamsReference.Network("variant.param", legacy: true).TonicBiases);
        var p = ParamsReference.Read("default.json")
            .With("Itonic_A_L5Pyr_soma", 0.5).With("Itonic_t0_L5Pyr_soma", 20.0).With("Itonic_T_L5Pyr_soma", 80.0)
            .With("Itonic_A_L2Basket_soma", -0.1).With("Itonic_t0_L2Basket_soma", 5.0).With("Itonic_T_L2Basket_soma", 10.0);
        var net = ParamsNetwork.Create(p, MeshShape.Default, addDrivesFromParams: true, legacyMode: false);
        // One "tonic" bias; start and end are the last cell type's (L5_pyramidal), HNN-core's rule.
        Assert.Equal([new TonicBias("tonic", "L2_basket", -0.1, 20.0, 80.0, "soma"), new TonicBias("tonic", "L5_pyramidal", 0.5, 20.0, 80.0, "soma")],
            net.TonicBiases);

        var missing = p.With("Itonic_A_L2Pyr_soma", 1.0).With("Itonic_T_L2Pyr_soma", 9.0);
        var e = Assert.Throws<ParamsFileException>(() => ParamsNetwork.Create(missing, MeshShape.Default, true, false));
        output.WriteLine(e.Message);
        Assert.Equal("key 'Itonic_t0_L2Pyr_soma'", e.Where);
        Assert.Contains("Tonic input must have the amplitude, start time and end time specified", e.Message);
        Assert.Contains("cell type L2_pyramidal", e.Message);
    }

    [Fact]
    public void LegacyModeKeepsABurstyDriveThatEndsBeforeItStarts()
    {
        var legacy = NetworkSpec.Bare(legacyMode: true).AddBurstyDrive("off", 10, "proximal", tstart: 1000, tstop: 170,
            weightsAmpa: new Dictionary<string, double> { ["L2_pyramidal"] = 1e-3 });
        Assert.Empty(DriveEvents.Generate(legacy, 0, 170).Single().ByCell.Single());
        var e = Assert.Throws<ArgumentException>(() => NetworkSpec.Bare().AddBurstyDrive("off", 10, "proximal", tstart: 1000, tstop: 170,
            weightsAmpa: new Dictionary<string, double> { ["L2_pyramidal"] = 1e-3 }));
        Assert.Contains("Duration of bursty drive cannot be negative", e.Message);

        // An evoked drive of 0 spikes is kept in legacy mode (no events) and refused otherwise.
        var weights = new Dictionary<string, double> { ["L2_pyramidal"] = 1e-3 };
        var none = NetworkSpec.Bare(legacyMode: true).AddEvokedDrive("none", 10, 1, 0, "proximal", weightsAmpa: weights);
        Assert.All(DriveEvents.Generate(none, 0, 170).Single().ByCell, c => Assert.Empty(c));
        Assert.Throws<ArgumentException>(() => NetworkSpec.Bare().AddEvokedDrive("none", 10, 1, 0, "proximal", weightsAmpa: weights));
    }
}
