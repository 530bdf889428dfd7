using System.Globalization;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn fit`: a small fit writes history.csv, best.json (which `hnn simulate` runs), fit.png and
/// convergence.png; the same command on the same folder takes every loss from history.csv; a
/// larger budget continues the same search; a folder of another fit and bad fit files exit 2
/// with one line.
/// </summary>
public sealed class FitCommandTests(ITestOutputHelper output)
{
    private const string Experiment = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 60, "dt": 0.025, "n_trials": 1,
         "drives": [{"type": "evoked", "name": "evprox1", "mu": 20, "sigma": 2, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_basket": 0.08831, "L2_pyramidal": 0.01525, "L5_basket": 0.19934, "L5_pyramidal": 0.5},
                     "synaptic_delays": {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}, "event_seed": 544}]}
        """;

    private static string FitText(int budget, int seed = 1) => $$"""
        {"experiment": "experiment.json", "target": {"dipole": "target.txt"}, "postproc": {"smooth": 10, "scale": 3000},
         "parameters": [{"path": "drives.evprox1.mu", "initial": 15, "bounds": [10, 30]},
                        {"path": "drives.evprox1.weights_ampa.L5_pyramidal", "initial": 0.2, "bounds": [0.05, 1.0], "scale": "log"}],
         "solver": "cma-es", "population": 2, "max_simulations": {{budget}}, "seed": {{seed}}}
        """;

    /// <summary>A folder with the experiment and, as target, the dipole `hnn simulate` writes for it (smoothed and scaled).</summary>
    private static string Folder()
    {
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "experiment.json"), Experiment);
        var run = HnnProcess.Run("simulate", Path.Combine(dir, "experiment.json"), "--out", Path.Combine(dir, "truth"), "--smooth", "10", "--scale", "3000");
        Assert.True(run.ExitCode == 0, run.Stderr);
        File.Copy(Path.Combine(dir, "truth", "dipole_0.txt"), Path.Combine(dir, "target.txt"));
        return dir;
    }

    private static string[] History(string outDir) => File.ReadAllLines(Path.Combine(outDir, "history.csv"));

    /// <summary>history.csv without wall_s: what must not depend on how the fit ran.</summary>
    private static string[] Science(string outDir) =>
        History(outDir).Select(l => l.Split(',')).Select(f => string.Join(',', f[..^2].Append(f[^1]))).ToArray();

    [Fact]
    public void AFitWritesItsOutputsAndARerunResumesAndALargerBudgetContinues()
    {
        var dir = Folder();
        var fitFile = Path.Combine(dir, "fit.json");
        File.WriteAllText(fitFile, FitText(4));
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("fit", fitFile, "--out", outDir, "--jobs", "2");
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(["best.json", "convergence.png", "fit.json", "fit.png", "history.csv"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        var history = History(outDir);
        Assert.Equal("simulation,generation,drives.evprox1.mu,drives.evprox1.weights_ampa.L5_pyramidal,loss,error,wall_s,key", history[0]);
        Assert.Equal(5, history.Length);
        Assert.Equal(["1,1", "2,1", "3,2", "4,2"], history.Skip(1).Select(l => string.Join(',', l.Split(',')[..2])));
        var losses = history.Skip(1).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains($"best dipole_rmse {losses.Min().ToString("R", CultureInfo.InvariantCulture)}", r.Stdout);
        foreach (var png in new[] { "fit.png", "convergence.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(outDir, png))[..4]);

        // best.json is an experiment file `hnn simulate` runs.
        var best = HnnProcess.Run("simulate", Path.Combine(outDir, "best.json"), "--out", Path.Combine(dir, "best"));
        Assert.True(best.ExitCode == 0, best.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "best", "dipole_0.txt")));

        var before = Science(outDir);
        var rerun = HnnProcess.Run("fit", fitFile, "--out", outDir);
        output.WriteLine(rerun.Stdout);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Contains("4 earlier simulation(s)", rerun.Stdout);
        Assert.Contains("(4 from the earlier run)", rerun.Stdout);
        var first = Science(outDir);
        Assert.Equal(before, first); // the resumed run wrote the same parameters, losses and keys

        File.WriteAllText(fitFile, FitText(6));
        var more = HnnProcess.Run("fit", fitFile, "--out", outDir);
        Assert.True(more.ExitCode == 0, more.Stderr);
        var continued = Science(outDir);
        Assert.Equal(7, continued.Length);
        Assert.Equal(first, continued[..5]);
        output.WriteLine(string.Join("\n", History(outDir)));
    }

    [Fact]
    public void AFolderOfAnotherFitIsRefused()
    {
        var dir = Folder();
        var fitFile = Path.Combine(dir, "fit.json");
        File.WriteAllText(fitFile, FitText(2));
        var outDir = Path.Combine(dir, "out");
        Assert.Equal(0, HnnProcess.Run("fit", fitFile, "--out", outDir).ExitCode);
        var before = File.ReadAllText(Path.Combine(outDir, "history.csv"));
        File.WriteAllText(fitFile, FitText(2, seed: 2));
        var r = HnnProcess.Run("fit", fitFile, "--out", outDir);
        output.WriteLine(r.Stderr.Trim());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds another fit", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, "history.csv")));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "an unknown solver", FitText(2).Replace("\"cma-es\"", "\"bayesian\""), "\"bayesian\" is not allowed" },
        { "initial outside its bounds", FitText(2).Replace("\"initial\": 15", "\"initial\": 45"), "45 for \"drives.evprox1.mu\" is outside its bounds [10, 30]" },
        { "a missing target", FitText(2).Replace("target.txt", "none.txt"), "none.txt" },
        { "a path that does not exist", FitText(2).Replace("evprox1.mu", "evprox2.mu"), "no drive named 'evprox2'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ABadFitFileExitsWith2WithOneLineAndWritesNothing(string why, string fitText, string message)
    {
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "experiment.json"), Experiment);
        File.WriteAllText(Path.Combine(dir, "target.txt"), "0.000\t1.0\n30.000\t2.0\n60.000\t1.5\n");
        File.WriteAllText(Path.Combine(dir, "fit.json"), fitText);
        var outDir = Path.Combine(dir, "out");
        var r = HnnProcess.Run("fit", Path.Combine(dir, "fit.json"), "--out", outDir);
        output.WriteLine($"{why}: {r.Stderr.Trim()}");
        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}; stderr: {r.Stderr}");
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir), $"{why}: an output folder was created");
    }
}
