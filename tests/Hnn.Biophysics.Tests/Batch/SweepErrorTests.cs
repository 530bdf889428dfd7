using Hnn.Biophysics.Batch;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Batch;

/// <summary>
/// Every sweep-file mistake fails before any job, in one line that names the JSON path, the
/// parameter's path or the bad value, and what is allowed (docs/sweep-file.md "Errors").
/// </summary>
public class SweepErrorTests(ITestOutputHelper output)
{
    private static readonly string Examples = Path.Combine(TestData.RepositoryRoot, "examples");

    private const string Mu = """{"path": "drives.evprox1.mu", "values": [20, 25]}""";

    private static string Erp(string parameters, string more = "") =>
        $$"""{"experiment": "erp.json", "parameters": [{{parameters}}]{{more}}}""";

    public static TheoryData<string, string, string[]> Cases() => new()
    {
        // sweep text, JSON path, what the message must also name
        { "{\"experiment\": \"erp.json\", \"parameters\": [" + Mu + "], \"combin\": \"grid\"}", "$.combin", ["unknown key", "combine"] },
        { Erp("""{"path": "drives.evprox1.mu", "value": [1]}"""), "$.parameters[0].value", ["unknown key", "values"] },
        { Erp("""{"path": "drives.evprox9.mu", "values": [1]}"""), "$.parameters[0].path", ["drives.evprox9.mu", "no drive named 'evprox9'", "drives: evdist1, evprox1, evprox2"] },
        { Erp("""{"path": "drives.evprox1.mux", "values": [1]}"""), "$.parameters[0].path", ["drives.evprox1.mux", "no key 'mux'", "sigma"] },
        { Erp("""{"path": "drives.evprox1.name", "values": ["x"]}"""), "$.parameters[0].path", ["drives.evprox1.name", "cannot be swept"] },
        { Erp("""{"path": "drives.evprox1", "values": [1]}"""), "$.parameters[0].path", ["names a whole drive", "mu"] },
        { Erp("""{"path": "drive.evprox1.mu", "values": [1]}"""), "$.parameters[0].path", ["'drive' is not a part", "drives.<name>.<key>"] },
        { Erp("""{"path": "network.mesh", "values": [[5, 5]]}"""), "$.parameters[0].path", ["network.mesh", "no key 'mesh'", "mesh_shape"] },
        { Erp("""{"path": "connections.0.weight", "values": [1]}"""), "$.parameters[0].path", ["connections.0.weight", "no connection '0'", "no network.connections"] },
        { Erp("""{"path": "tonic_biases.tonic.t0", "values": [1]}"""), "$.parameters[0].path", ["tonic_biases.tonic.t0", "no tonic bias 'tonic'"] },
        { Erp("""{"path": "tstop.x", "values": [1]}"""), "$.parameters[0].path", ["tstop.x", "nothing is below it"] },
        { Erp("""{"path": "drives.evprox1.weights_ampa.L9_pyramidal", "values": [1]}"""), "$.parameters[0].path", ["L9_pyramidal", "not a cell type", "L5_basket"] },
        { Erp("""{"path": "drives.evdist1.synaptic_delays.L5_basket", "values": [1]}"""), "$.parameters[0].path", ["L5_basket is not a target of drive 'evdist1'", "L2_basket, L2_pyramidal, L5_pyramidal"] },
        { Erp("""{"path": "drives.evdist1.weights_ampa.L5_basket", "values": [0.1]}"""), "$.parameters[0].path", ["adds L5_basket as a target", "synaptic_delays lists only", "drives.evdist1.synaptic_delays.L5_basket"] },
        { Erp(Mu + ", " + Mu), "$.parameters[1].path", ["drives.evprox1.mu", "same value as parameter 0"] },
        { Erp("""{"path": "drives.evdist1.weights_ampa", "values": [{"L5_pyramidal": 1}]}, {"path": "drives.evdist1.weights_ampa.L5_pyramidal", "values": [1]}"""), "$.parameters[1].path", ["same value as parameter 0"] },
        { Erp("""{"path": "drives.evprox1.mu", "values": [20, "late"]}"""), "$.parameters[0].values[1]", ["drives.evprox1.mu", "\"late\"", "allowed: a number"] },
        { Erp("""{"path": "drives.evprox1.numspikes", "values": [1, 2.5]}"""), "$.parameters[0].values[1]", ["drives.evprox1.numspikes", "2.5", "an integer"] },
        { Erp("""{"path": "network.mesh_shape", "values": [[5, 5], [5]]}"""), "$.parameters[0].values[1]", ["network.mesh_shape", "[5]", "two integers"] },
        { Erp("""{"path": "drives.evprox1.location", "range": {"start": 1, "stop": 2, "num": 2}}"""), "$.parameters[0].range", ["drives.evprox1.location", "a string", "gives numbers"] },
        { Erp("""{"path": "drives.evprox1.numspikes", "range": {"start": 1, "stop": 2, "num": 3}}"""), "$.parameters[0].range", ["drives.evprox1.numspikes", "1.5", "integers"] },
        { Erp("""{"path": "drives.evprox1.mu", "values": []}"""), "$.parameters[0].values", ["drives.evprox1.mu", "empty"] },
        { Erp("""{"path": "drives.evprox1.mu", "range": {"start": 1, "stop": 2, "num": 0}}"""), "$.parameters[0].range.num", ["drives.evprox1.mu", "num = 0", ">= 1"] },
        { Erp("""{"path": "drives.evprox1.mu", "range": {"start": 1, "stop": 2}}"""), "$.parameters[0].range.num", ["missing", "integer >= 1"] },
        { Erp("""{"path": "drives.evprox1.mu", "values": [1], "range": {"start": 1, "stop": 2, "num": 2}}"""), "$.parameters[0]", ["drives.evprox1.mu", "exactly one of"] },
        { Erp("""{"path": "drives.evprox1.mu", "sample": {"dist": "uniform", "low": 1, "high": 4}}"""), "$.parameters[0].sample", ["drives.evprox1.mu", "needs combine \"random\""] },
        { Erp("""{"path": "drives.evprox1.mu", "sample": {"dist": "uniform", "low": 4, "high": 1}}""", ", \"combine\": \"random\", \"n_samples\": 2, \"seed\": 1"), "$.parameters[0].sample.high", ["drives.evprox1.mu", "high = 1 < low = 4"] },
        { Erp("""{"path": "drives.evprox1.mu", "sample": {"dist": "loguniform", "low": 0, "high": 1}}""", ", \"combine\": \"random\", \"n_samples\": 2, \"seed\": 1"), "$.parameters[0].sample.low", ["drives.evprox1.mu", "low = 0", "low > 0"] },
        { Erp("""{"path": "drives.evprox1.mu", "sample": {"dist": "normal", "mean": 1, "std": -1}}""", ", \"combine\": \"random\", \"n_samples\": 2, \"seed\": 1"), "$.parameters[0].sample.std", ["std = -1", "std >= 0"] },
        { Erp("""{"path": "drives.evprox1.mu", "sample": {"dist": "normal", "low": 1, "high": 2}}""", ", \"combine\": \"random\", \"n_samples\": 2, \"seed\": 1"), "$.parameters[0].sample.low", ["unknown key", "mean"] },
        { Erp("""{"path": "drives.evprox1.mu", "sample": {"dist": "beta", "low": 1, "high": 2}}""", ", \"combine\": \"random\", \"n_samples\": 2, \"seed\": 1"), "$.parameters[0].sample.dist", ["\"beta\"", "loguniform"] },
        { Erp("""{"path": "drives.evprox1.numspikes", "sample": {"dist": "uniform", "low": 1, "high": 4}}""", ", \"combine\": \"random\", \"n_samples\": 2, \"seed\": 1"), "$.parameters[0].sample", ["drives.evprox1.numspikes", "integer", "values"] },
        { Erp(Mu, ", \"combine\": \"random\", \"seed\": 1"), "$.n_samples", ["missing", "n_samples"] },
        { Erp(Mu, ", \"combine\": \"random\", \"n_samples\": 3"), "$.seed", ["missing", "seed"] },
        { Erp(Mu, ", \"combine\": \"random\", \"n_samples\": 3, \"seed\": -1"), "$.seed", ["-1", "4294967295"] },
        { Erp(Mu, ", \"n_samples\": 3"), "$.n_samples", ["only used with combine \"random\""] },
        { Erp(Mu, ", \"combine\": \"cartesian\""), "$.combine", ["\"cartesian\"", "\"grid\", \"zip\", \"random\""] },
        { Erp(Mu + """, {"path": "drives.evprox1.sigma", "values": [1, 2, 3]}""", ", \"combine\": \"zip\""), "$.parameters", ["drives.evprox1.mu: 2", "drives.evprox1.sigma: 3", "equal lengths"] },
        { Erp("""{"path": "drives.evprox1.mu", "range": {"start": 1, "stop": 2, "num": 200}}, {"path": "drives.evprox1.sigma", "range": {"start": 1, "stop": 2, "num": 100}}"""),
            "$.parameters", ["200 × 100 = 20000 jobs", "at most 10000"] },
        { Erp(Mu, ", \"combine\": \"random\", \"n_samples\": 20000, \"seed\": 1"), "$.n_samples", ["20000", "1 to 10000"] },
        { Erp(""), "$.parameters", ["empty", "at least one parameter"] },
        { Erp(Mu, ", \"keep\": [\"summary\", \"voltages\"]"), "$.keep[1]", ["\"voltages\"", "\"spikes\""] },
        { Erp(Mu, ", \"keep\": []"), "$.keep", ["empty"] },
        { Erp(Mu, ", \"keep\": [\"summary\", \"summary\"]"), "$.keep[1]", ["twice"] },
        { Erp(Mu, ", \"summaries\": \"spike_counts\""), "$.summaries", ["the string \"spike_counts\"", "a JSON array"] },
        { Erp(Mu, ", \"n_trials\": 0"), "$.n_trials", ["0", ">= 1"] },
        { Erp("""{"path": "n_trials", "values": [1, 2]}""", ", \"n_trials\": 2"), "$.n_trials", ["also swept by $.parameters[0]"] },
        { "{\"experiment\": \"nothere.json\", \"parameters\": [" + Mu + "]}", "$.experiment", ["'nothere.json' not found", "nothere.json"] },
        { "{\"experiment\": 5, \"parameters\": [" + Mu + "]}", "$.experiment", ["the number 5", "inline experiment object"] },
        { "{\"experiment\": {\"network\": {\"model\": \"jones_2009_model\"}, \"tstop\": 170, \"drives\": [{\"type\": \"evoked\", \"name\": \"e\", \"mu\": 1, \"sigma\": 1, \"numspikes\": 1, \"location\": \"distal\", \"weights_ampa\": {\"L5_pyramidal\": 1}, \"colour\": 1}]}, \"parameters\": [" + Mu + "]}",
            "$.experiment.drives[0].colour", ["unknown key"] },
        { "{\"experiment\": {\"network\": {\"model\": \"jones_2009_model\"}, \"tstop\": 170, \"drives\": [{\"type\": \"evoked\", \"name\": \"e\", \"mu\": 1, \"sigma\": -1, \"numspikes\": 1, \"location\": \"distal\", \"weights_ampa\": {\"L5_pyramidal\": 1}}]}, \"parameters\": [" + Mu + "]}",
            "$.experiment.drives[0] ('e')", ["sigma = -1"] },
        { "{\"experiment\": \"erp.json\", \"parameters\": [" + Mu + "],}", "$ (line 1", ["not valid JSON"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsOneLineNamingThePathAndTheValue(string sweep, string jsonPath, string[] mentions)
    {
        var e = Assert.Throws<SweepFileException>(() => Sweep.Parse(sweep, Examples));
        output.WriteLine(e.Message);
        Assert.StartsWith(jsonPath, e.JsonPath);
        Assert.StartsWith(e.JsonPath + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var m in mentions) Assert.Contains(m, e.Message);
    }

    [Fact]
    public void AFileErrorNamesTheSweepFileAndAnInvalidExperimentFileItsOwnPath()
    {
        var dir = Directory.CreateTempSubdirectory("hnn-sweep-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.json"), """{"network": {"model": "jones_2009_model"}, "tstop": -5}""");
            var sweepFile = Path.Combine(dir, "sweep.json");
            File.WriteAllText(sweepFile, "{\"experiment\": \"bad.json\", \"parameters\": [" + Mu + "]}");
            var e = Assert.Throws<SweepFileException>(() => Sweep.ReadFile(sweepFile));
            output.WriteLine(e.Message);
            Assert.Equal(sweepFile, e.File);
            Assert.StartsWith($"{sweepFile}: $.experiment: experiment file 'bad.json' is invalid: $.tstop", e.Message);
            var missing = Assert.Throws<SweepFileException>(() => Sweep.ReadFile(Path.Combine(dir, "none.json")));
            output.WriteLine(missing.Message);
            Assert.Contains("none.json", missing.Message);
            Assert.Contains("cannot read sweep file", missing.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
