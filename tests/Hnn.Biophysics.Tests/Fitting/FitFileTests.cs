using System.Globalization;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Fitting;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Fitting;

/// <summary>
/// The fit file (docs/fit-file.md): what it reads, the candidates it makes, its key, and every
/// mistake failing before any simulation, in one line naming the JSON path and what is allowed.
/// </summary>
public class FitFileTests(ITestOutputHelper output)
{
    private static readonly string Examples = Path.Combine(TestData.RepositoryRoot, "examples");

    private const string Target = "\"target\": {\"dipole\": \"data/erp_target.txt\"}";
    private const string Mu = """{"path": "drives.evprox1.mu", "initial": 20, "bounds": [10, 40]}""";

    private static string Erp(string parameters, string more = "", string target = Target) =>
        $$"""{"experiment": "erp.json", {{target}}{{(target.Length > 0 ? ", " : "")}}"parameters": [{{parameters}}]{{more}}}""";

    [Fact]
    public void The_example_reads_with_its_values_and_defaults()
    {
        var fit = Fit.ReadFile(Path.Combine(Examples, "fit_erp.json"));
        Assert.Equal(["drives.evprox1.mu", "drives.evdist1.mu"], fit.Parameters.Select(p => p.Path));
        Assert.Equal([20.0, 70.0], fit.InitialValues);
        Assert.Equal((10.0, 40.0), (fit.Parameters[0].Lower, fit.Parameters[0].Upper));
        Assert.Equal(("cma-es", 60, 8, 1L), (fit.Solver, fit.MaxSimulations, fit.Population, fit.Seed));
        Assert.Equal("dipole_rmse", fit.Objective.Name);
        Assert.Equal(new PostprocEntry(30, 3000), fit.Postproc);
        Assert.Equal((170.0, 0.025, 1), (fit.TStop, fit.Dt, fit.NTrials));
        Assert.NotNull(fit.Target);
        Assert.Equal("agg", fit.Column);

        var defaults = Fit.Parse(Erp("""{"path": "drives.evprox1.mu", "bounds": [10, 40]}"""), Examples);
        Assert.Equal(("cma-es", 200, (int?)null, 0L), (defaults.Solver, defaults.MaxSimulations, defaults.Population, defaults.Seed));
        Assert.Equal(25.0, defaults.Parameters[0].Initial); // the centre of the bounds
        Assert.Null(defaults.Postproc); // erp.json has none
        var log = Fit.Parse(Erp("""{"path": "drives.evprox1.sigma", "bounds": [1, 100], "scale": "log"}"""), Examples);
        Assert.Equal(10.0, log.Parameters[0].Initial, 12); // the centre on a log scale: the geometric mean
    }

    [Fact]
    public void A_candidate_is_the_experiment_with_its_values_and_without_postproc()
    {
        var fit = Fit.ReadFile(Path.Combine(Examples, "fit_erp.json"));
        var candidate = fit.Candidate([22.5, 61.25]);
        Assert.Null(candidate.Error);
        var spec = ExperimentReader.Parse(candidate.ExperimentJson);
        Assert.Equal(22.5, ((EvokedDriveEntry)spec.Drives.Single(d => d.Name == "evprox1")).Mu);
        Assert.Equal(61.25, ((EvokedDriveEntry)spec.Drives.Single(d => d.Name == "evdist1")).Mu);
        Assert.Null(spec.Postproc);
        Assert.Equal(candidate.Key, fit.Candidate([22.5, 61.25]).Key);
        Assert.NotEqual(candidate.Key, fit.Candidate([22.5, 61.5]).Key);

        // best.json is what `hnn simulate` runs: the same experiment with the fit's postproc.
        var best = ExperimentReader.Parse(fit.ExperimentFileFor([22.5, 61.25]));
        Assert.Equal(new PostprocEntry(30, 3000), best.Postproc);
        Assert.Equal(22.5, ((EvokedDriveEntry)best.Drives.Single(d => d.Name == "evprox1")).Mu);
    }

    [Fact]
    public void The_key_changes_with_what_a_loss_means_but_not_with_the_budget()
    {
        var text = File.ReadAllText(Path.Combine(Examples, "fit_erp.json"));
        var key = Fit.Parse(text, Examples).Key;
        Assert.Equal(key, Fit.Parse(text.Replace("\"max_simulations\": 60", "\"max_simulations\": 90"), Examples).Key);
        Assert.Equal(key, Fit.Parse(text, Examples).WithMaxSimulations(500).Key);
        foreach (var (from, to) in new[] { ("\"seed\": 1", "\"seed\": 2"), ("\"population\": 8", "\"population\": 6"), ("\"scale\": 3000", "\"scale\": 2000"),
                     ("\"bounds\": [10, 40]", "\"bounds\": [10, 41]"), ("\"initial\": 20.0", "\"initial\": 21.0"), ("\"solver\": \"cma-es\",\n  \"max_simulations\": 60,\n  \"population\": 8,", "\"solver\": \"cobyla\",\n  \"max_simulations\": 60,") })
        {
            Assert.Contains(from, text);
            Assert.NotEqual(key, Fit.Parse(text.Replace(from, to), Examples).Key);
        }
    }

    [Theory]
    [InlineData(FitParameter.Linear, 10.0, 40.0)]
    [InlineData(FitParameter.Log, 0.01, 0.5)]
    public void Unit_coordinates_map_to_the_bounds_and_back(string scale, double low, double high)
    {
        var p = new FitParameter("x", low, low, high, scale);
        Assert.Equal(low, p.FromUnit(0.0));
        Assert.Equal(high, p.FromUnit(1.0));
        Assert.Equal(low, p.FromUnit(-0.5));
        Assert.Equal(high, p.FromUnit(7.0));
        var worst = 0.0;
        for (var u = 0.0; u <= 1.0; u += 0.01) worst = Math.Max(worst, Math.Abs(p.ToUnit(p.FromUnit(u)) - u));
        output.WriteLine($"{scale}: worst |ToUnit(FromUnit(u)) - u| = {worst:E2} (allowed 1e-12)");
        Assert.True(worst < 1e-12);
        var mid = p.FromUnit(0.5);
        Assert.Equal(scale == FitParameter.Log ? Math.Sqrt(low * high) : (low + high) / 2, mid, 12);
    }

    public static TheoryData<string, string, string[]> Cases() => new()
    {
        // fit text, JSON path, what the message must also name
        { Erp(Mu, ", \"solvr\": \"cma-es\""), "$.solvr", ["unknown key", "solver"] },
        { """{"parameters": [{"path": "drives.evprox1.mu", "bounds": [1, 2]}]}""", "$.experiment", ["missing", "experiment file"] },
        { Erp(Mu).Replace("erp.json", "nope.json"), "$.experiment", ["nope.json", "not found", "relative to the fit file's folder"] },
        { Erp(""), "$.parameters", ["empty", "at least one parameter"] },
        { Erp("""{"path": "drives.evprox9.mu", "bounds": [1, 2]}"""), "$.parameters[0].path", ["drives.evprox9.mu", "no drive named 'evprox9'"] },
        { Erp("""{"path": "drives.evprox1.numspikes", "bounds": [1, 2]}"""), "$.parameters[0].path", ["drives.evprox1.numspikes", "a real number"] },
        { Erp("""{"path": "drives.evprox1.location", "bounds": [1, 2]}"""), "$.parameters[0].path", ["drives.evprox1.location", "a real number"] },
        { Erp("""{"path": "drives.evprox1.mu", "initial": 20}"""), "$.parameters[0].bounds", ["missing", "[low, high]"] },
        { Erp("""{"path": "drives.evprox1.mu", "bounds": [10]}"""), "$.parameters[0].bounds", ["drives.evprox1.mu", "[low, high]"] },
        { Erp("""{"path": "drives.evprox1.mu", "bounds": [40, 10]}"""), "$.parameters[0].bounds", ["[40, 10]", "low < high"] },
        { Erp("""{"path": "drives.evprox1.mu", "bounds": [10, 10]}"""), "$.parameters[0].bounds", ["[10, 10]", "left out of the parameters"] },
        { Erp("""{"path": "drives.evprox1.mu", "initial": 50, "bounds": [10, 40]}"""), "$.parameters[0].initial", ["50", "outside its bounds [10, 40]"] },
        { Erp("""{"path": "drives.evprox1.mu", "bounds": [0, 40], "scale": "log"}"""), "$.parameters[0].bounds", ["[0, 40]", "bounds > 0 on a log scale"] },
        { Erp("""{"path": "drives.evprox1.mu", "bounds": [1, 40], "scale": "sqrt"}"""), "$.parameters[0].scale", ["\"sqrt\"", "\"linear\" or \"log\""] },
        { Erp("""{"path": "drives.evprox1.mu", "bounds": [1, 40], "step": 1}"""), "$.parameters[0].step", ["unknown key"] },
        { Erp(Mu + ", " + Mu), "$.parameters[1].path", ["same value as parameter 0"] },
        { Erp("""{"path": "drives.evprox1.sigma", "initial": 1, "bounds": [-5, 5]}"""), "$.parameters[0].bounds", ["drives.evprox1.sigma", "-5", "refuses"] },
        { Erp(Mu, ", \"solver\": \"bayesian\""), "$.solver", ["\"bayesian\"", "\"cma-es\", \"cobyla\", \"nelder-mead\""] },
        { Erp(Mu, ", \"solver\": \"cobyla\", \"population\": 8"), "$.population", ["\"cobyla\"", "cma-es"] },
        { Erp(Mu, ", \"population\": 1"), "$.population", ["1", ">= 2"] },
        { Erp(Mu, ", \"max_simulations\": 0"), "$.max_simulations", ["0", "1 to 100000"] },
        { Erp(Mu, ", \"seed\": -1"), "$.seed", ["-1", "4294967295"] },
        { Erp(Mu, ", \"n_trials\": 0"), "$.n_trials", ["0", ">= 1"] },
        { Erp(Mu, "", target: ""), "$.target", ["missing", "dipole_rmse"] },
        { Erp(Mu, "", target: "\"target\": {\"dipole\": \"data/none.txt\"}"), "$.target.dipole", ["none.txt", "fit file's folder"] },
        { Erp(Mu, "", target: "\"target\": {\"dipole\": \"data/erp_target.txt\", \"column\": \"L5\"}"), "$.target.column", ["\"L5\"", "only agg"] },
        { Erp(Mu, "", target: "\"target\": {\"dipole\": \"data/erp_target.txt\", \"column\": \"L6\"}"), "$.target.column", ["\"L6\"", "\"agg\", \"L2\" or \"L5\""] },
        { Erp(Mu, "", target: "\"target\": {\"file\": \"data/erp_target.txt\"}"), "$.target.file", ["unknown key", "dipole"] },
        { Erp(Mu, ", \"objective\": {\"dipole_rmse\": {\"tstart\": 0, \"tstop\": 300}}"), "$.target.dipole", ["covers 0 … 170 ms", "compares 0 … 300 ms"] },
        { Erp(Mu, ", \"objective\": {\"dipole_rmse\": {\"tstart\": 50, \"tstop\": 20}}"), "$.objective.dipole_rmse.tstop", ["20", "not after tstart 50"] },
        { Erp(Mu, ", \"objective\": \"dipole_corr\""), "$.objective", ["\"dipole_corr\"", "psd_band"] },
        { Erp(Mu, ", \"objective\": {\"psd_band\": {\"fmin\": 15, \"fmax\": 30}}"), "$.target", ["not used by the objective \"psd_band\""] },
        { Erp(Mu, ", \"objective\": {\"psd_band\": {\"fmin\": 30, \"fmax\": 15}}", target: ""), "$.objective.psd_band.fmax", ["15", "> fmin (30)"] },
        { Erp(Mu, ", \"objective\": {\"psd_band\": {\"fmin\": -1, \"fmax\": 15}}", target: ""), "$.objective.psd_band.fmin", ["-1", ">= 0"] },
        { Erp(Mu, ", \"objective\": {\"psd_band\": {\"bands\": []}}", target: ""), "$.objective.psd_band.bands", ["non-empty list"] },
        { Erp(Mu, ", \"objective\": {\"psd_band\": {\"fmin\": 15}}", target: ""), "$.objective.psd_band.fmax", ["missing"] },
        { Erp(Mu, ", \"postproc\": {\"smooth\": 0.5}"), "$.postproc.smooth", ["0.5", "≥ 1"] },
        { Erp(Mu, ", \"postproc\": {\"scale\": -3}"), "$.postproc.scale", ["-3", "> 0"] },
        { "{\"experiment\": \"erp.json\", ", "$ (line 1", ["not valid JSON"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_mistake_fails_before_anything_runs_naming_where_and_what_is_allowed(string text, string jsonPath, string[] mentions)
    {
        var e = Assert.Throws<FitFileException>(() => Fit.Parse(text, Examples));
        output.WriteLine(e.Message);
        Assert.StartsWith(jsonPath, e.Message, StringComparison.Ordinal);
        foreach (var m in mentions) Assert.Contains(m, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_file_error_names_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("hnn-fit-").FullName;
        try
        {
            var path = Path.Combine(dir, "bad.json");
            File.WriteAllText(path, Erp(Mu, ", \"solver\": \"x\"").Replace("erp.json", Path.Combine(Examples, "erp.json")).Replace("data/erp_target.txt", Path.Combine(Examples, "data", "erp_target.txt")));
            var e = Assert.Throws<FitFileException>(() => Fit.ReadFile(path));
            output.WriteLine(e.Message);
            Assert.StartsWith($"{path}: $.solver: ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_custom_objective_needs_a_usable_name()
    {
        Assert.Throws<ArgumentException>(() => FitObjective.Custom("", _ => 0));
        Assert.Throws<ArgumentException>(() => FitObjective.Custom("a,b", _ => 0));
        var fit = Fit.ReadFile(Path.Combine(Examples, "fit_erp.json"));
        var custom = fit.WithObjective(FitObjective.Custom("peak", s => s.Average["agg"].Max()));
        Assert.Equal("peak", custom.Objective.Name);
        Assert.NotEqual(fit.Key, custom.Key);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"keys: {fit.Key[..12]} vs {custom.Key[..12]}"));
    }
}
