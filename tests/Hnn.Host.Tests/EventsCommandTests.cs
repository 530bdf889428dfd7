namespace Hnn.Host.Tests;

/// <summary>`hnn events`: the examples' events, bit-identical to HNN-core's; bad input exits 2 with one line and no file.</summary>
public sealed class EventsCommandTests
{
    private static string Example(string name) => TestData.Example(name);

    [Fact]
    public void BurstyExampleMatchesTheReferenceEvents()
    {
        var file = Path.Combine(HnnProcess.TempDir(), "events.csv");
        var r = HnnProcess.Run("events", Example("bursty.json"), "--out", file);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("71 events of 1 drive(s) in 2 trial(s)", r.Stdout);
        var ours = File.ReadAllLines(file);
        Assert.Equal("trial,drive,gid,time", ours[0]);
        // Reference: trial,drive,gid,gid_offset,target_type,seed_prng,time; same order (trial, gid, time).
        var reference = Csv.ReadData("drive_events", "bursty_alpha_prox", "events.csv").Rows.Select(f => (f[0], f[1], f[2], Csv.Double(f[6])))
            .OrderBy(x => Csv.Int(x.Item1)).ThenBy(x => Csv.Int(x.Item3)).ThenBy(x => x.Item4).ToList();
        var mine = Csv.Read(file).Rows.Select(f => (f[0], f[1], f[2], Csv.Double(f[3]))).ToList();
        Assert.True(reference.SequenceEqual(mine), $"{mine.Count} events written, reference {reference.Count}; first difference at row " +
            $"{reference.Zip(mine).TakeWhile(p => p.First == p.Second).Count()}");
    }

    [Fact]
    public void ReplayExampleWritesTheTutorialsEvents()
    {
        var file = Path.Combine(HnnProcess.TempDir(), "events.csv");
        var r = HnnProcess.Run("events", Example("replay.json"), "--out", file);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var expected = Csv.ReadData("seed_replay", "net_B", "drive_events.csv").Rows.Select(f => (f[2], Csv.Double(f[3]))).Order().ToList();
        var mine = Csv.Read(file).Rows.Select(f => (f[2], Csv.Double(f[3]))).Order().ToList();
        Assert.True(expected.SequenceEqual(mine), $"{mine.Count} replay events, reference {expected.Count} (312)");
    }

    [Theory]
    [InlineData("missing file", "does not exist", "nope.json")]
    [InlineData("invalid JSON", "not valid JSON", "{\"network\": ")]
    [InlineData("unknown key", "$.tstopp: unknown key", """{"network": {"model": "jones_2009_model"}, "tstopp": 170}""")]
    [InlineData("bad drive value", "$.drives[0] ('e'): sigma = -1 is invalid: Standard deviation cannot be negative. Allowed: sigma >= 0 (ms).",
        """{"network": {"model": "jones_2009_model"}, "tstop": 170, "drives": [{"type": "evoked", "name": "e", "mu": 1, "sigma": -1, "numspikes": 1, "location": "distal", "weights_ampa": {"L2_pyramidal": 1}}]}""")]
    [InlineData("Poisson end before start", "The end time for Poisson inputs must be greater than start time",
        """{"network": {"model": "jones_2009_model"}, "tstop": 50, "drives": [{"type": "poisson", "name": "p", "tstart": 100, "rate_constant": 10, "location": "distal", "weights_ampa": {"L2_pyramidal": 1}}]}""")]
    public void BadInputExitsWith2AndWritesNothing(string why, string message, string content)
    {
        var dir = HnnProcess.TempDir();
        var experiment = Path.Combine(dir, "experiment.json");
        if (content != "nope.json") File.WriteAllText(experiment, content);
        var output = Path.Combine(dir, "events.csv");
        var r = HnnProcess.Run("events", experiment, "--out", output);
        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}, stderr {r.Stderr}");
        Assert.Contains(message, r.Stderr);
        Assert.Contains("experiment.json", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("(Parameter", r.Stderr);
        Assert.False(File.Exists(output), $"{why}: an output file was written");
    }

    [Fact]
    public void MissingOutOptionIsRejected()
    {
        var r = HnnProcess.Run("events", Example("erp.json"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--out", r.Stderr);
    }
}
