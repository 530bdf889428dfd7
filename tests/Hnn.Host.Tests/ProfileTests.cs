using System.Text.RegularExpressions;

namespace Hnn.Host.Tests;

/// <summary>
/// HNN_PROFILE=1 (docs/dev/performance.md §1): `hnn simulate` prints where its wall time went, one line
/// per phase in order, and the phases add up to the total; without it nothing is printed.
/// </summary>
public sealed class ProfileTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Experiment = """{"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 20, "drives": [{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]}""";

    [Fact]
    public void SimulatePrintsItsPhasesWhenAskedAndOnlyThen()
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "exp.json");
        File.WriteAllText(file, Experiment);
        var r = HnnProcess.RunWithEnvironment(new Dictionary<string, string> { ["HNN_PROFILE"] = "1" }, "simulate", file, "--out", Path.Combine(dir, "out"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        output.WriteLine(string.Join("\n", r.Stderr.Split('\n').Where(l => l.StartsWith("profile:"))));
        var phases = Regex.Matches(r.Stderr, @"profile:\s+([\d.]+) s\s+[\d.]+ %\s+(.+)").Select(m => (Seconds: Csv.Double(m.Groups[1].Value), Name: m.Groups[2].Value.Trim())).ToList();
        var total = Csv.Double(Regex.Match(r.Stderr, @"profile: ([\d.]+) s since the process started").Groups[1].Value);
        Assert.Equal(["runtime start (process start → Main)", "command line", "read the experiment, build the network spec",
            "start the actor system (what is left of it)", "simulate (per trial: build shards, run epochs, collect)",
            "write spike and dipole files", "draw the three plots", "summary.json, the folder moved in place",
            "stop the actor system (what is left of it)", "exit"], phases.Select(p => p.Name));
        Assert.InRange(phases.Sum(p => p.Seconds), total - 0.011, total + 0.011);   // printed with 3 decimals each

        var quiet = HnnProcess.Run("simulate", file, "--out", Path.Combine(dir, "out2"));
        Assert.True(quiet.ExitCode == 0, quiet.Stderr);
        Assert.DoesNotContain("profile:", quiet.Stderr);
    }
}
