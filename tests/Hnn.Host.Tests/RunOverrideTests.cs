using System.Text.Json;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn simulate --tstop/--dt/--n-trials` replace the experiment file's values (and are checked
/// as the file's are, naming the option); summary.json shows the tstop asked for; the progress
/// output ends at 100% and shows an ETA while running.
/// </summary>
public sealed class RunOverrideTests(ITestOutputHelper output)
{
    private const string Net = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [3, 3]}, "tstop": 30, "dt": 0.025, "n_trials": 1,
         "drives": [{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]}
        """;

    private static string File(string json = Net)
    {
        var path = Path.Combine(HnnProcess.TempDir(), "experiment.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    private static JsonElement Summary(string dir) => JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Fact]
    public void OptionsReplaceTheFilesTstopDtAndTrials()
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "out");
        var r = HnnProcess.Run("simulate", File(), "--out", dir, "--tstop", "12.5", "--dt", "0.05", "--n-trials", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = System.IO.File.ReadAllLines(Path.Combine(dir, "dipole_1.txt"));
        output.WriteLine($"dipole_1.txt: {lines.Length} samples, last {lines[^1]}");
        Assert.Equal(251, lines.Length);                     // 12.5 ms / 0.05 ms + t = 0
        Assert.StartsWith("12.500\t", lines[^1]);
        Assert.True(System.IO.File.Exists(Path.Combine(dir, "spk_1.txt")));
        var summary = Summary(dir);
        Assert.Equal(12.5, summary.GetProperty("tstop").GetDouble());
        Assert.Equal(2, summary.GetProperty("n_trials").GetInt32());
        Assert.Equal(251, summary.GetProperty("n_samples").GetInt32());
    }

    [Fact]
    public void SummaryShowsTheRequestedTstopNotTheAccumulatedClock()
    {
        // 20.01 ms at dt 0.025: 800 steps; the accumulated clock ends near 20 ms, not at the 20.01 asked for.
        var dir = Path.Combine(HnnProcess.TempDir(), "out");
        var r = HnnProcess.Run("simulate", File(Net.Replace("\"tstop\": 30", "\"tstop\": 20.01")), "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var summary = Summary(dir);
        var lastTime = double.Parse(System.IO.File.ReadLines(Path.Combine(dir, "dipole_0.csv")).Last().Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"summary tstop {summary.GetProperty("tstop").GetRawText()}, last recorded time {lastTime:R}");
        Assert.Equal("20.01", summary.GetProperty("tstop").GetRawText());
        Assert.NotEqual(20.01, lastTime);
        Assert.Equal(801, summary.GetProperty("n_samples").GetInt32());
    }

    public static TheoryData<string, string[], string[]> BadOptions() => new()
    {
        { "negative tstop", ["--tstop", "-5"], ["--tstop -5 is not allowed", "> 0"] },
        { "tstop not a number", ["--tstop", "long"], ["long", "--tstop"] },
        { "zero dt", ["--dt", "0"], ["--dt 0 is not allowed", "> 0"] },
        { "infinite dt", ["--dt", "Infinity"], ["--dt Infinity is not allowed"] },
        { "zero trials", ["--n-trials", "0"], ["--n-trials 0 is not allowed", "≥ 1"] },
        { "tstop below the file's dt", ["--tstop", "0.01"], ["--tstop 0.01 and $.dt", "dt must be positive and at most tstop (0.01 ms), got 0.025"] },
        { "dt above the file's tstop", ["--dt", "40"], ["$.tstop and --dt 40", "at most tstop (30 ms)"] },
        { "too many steps", ["--dt", "1e-9"], ["$.tstop and --dt 1E-09", "steps"] },
        { "window below 1 ms", ["--smooth", "0.5"], ["--smooth 0.5 is not allowed"] },
        { "window longer than the run", ["--smooth", "20", "--tstop", "10"], ["--smooth 20 with --tstop 10 and $.dt", "800 samples, longer than the run's 401 samples"] },
        { "zero scale", ["--scale", "0"], ["--scale 0 is not allowed", "> 0"] },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionIsRefusedNamingIt(string why, string[] options, string[] messages)
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "out");
        var r = HnnProcess.Run(["simulate", File(), "--out", dir, .. options]);
        output.WriteLine($"{why}: {r.Stderr.Trim()}");
        Assert.Equal(2, r.ExitCode);
        foreach (var m in messages) Assert.Contains(m, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ProgressEndsAt100PercentAndShowsAnEta()
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "out");
        var r = HnnProcess.Run("simulate", File(), "--out", dir, "--n-trials", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var progress = r.Stdout.Split('\n').Where(l => l.StartsWith("trial ", StringComparison.Ordinal) && l.Contains(" ms, ")).ToArray();
        output.WriteLine(string.Join("\n", progress));
        Assert.Contains(progress, l => l.Contains("ETA ") && !l.Contains("100%"));
        Assert.Matches(@"^trial 2/2: 30/30 ms, 100%, took \d+:\d\d$", progress[^1]);
        // The share of the whole run: it never goes back, and trial 2 starts at half of it.
        var shares = progress.Select(l => int.Parse(System.Text.RegularExpressions.Regex.Match(l, @", (\d+)%").Groups[1].Value)).ToArray();
        Assert.True(shares.Zip(shares.Skip(1)).All(p => p.First <= p.Second), string.Join(" ", shares));
        Assert.All(progress.Where(l => l.StartsWith("trial 2/2", StringComparison.Ordinal)), l => Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(l, @", (\d+)%").Groups[1].Value) >= 50, l));
    }
}
