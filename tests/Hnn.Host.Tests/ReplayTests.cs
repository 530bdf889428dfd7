using System.Globalization;
using System.Text.Json;

namespace Hnn.Host.Tests;

/// <summary>
/// The flagship end to end against HNN-core on NEURON (tests/data/seed_replay, HNN-core's files as written):
/// Network A's spikes identical (gid and step), the tutorial's printed lines, Network B's
/// per-type spike counts; the C# example and `hnn replay` run the same tutorial.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public void TheExampleProgramReproducesTheTutorial()
    {
        var dir = HnnProcess.TempDir();
        var r = HnnProcess.RunDll("ReplayExample.dll", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Extracted 616 spikes from Network A", r.Stdout);
        Assert.Contains("Number of valid pyramidal cells with spikes to be used for input: 139", r.Stdout);
        Assert.Contains("Drive 'drive_from_NetA' created with 139 cells", r.Stdout);
        Assert.Contains("GIDs assigned: range(270, 409)", r.Stdout);
        Assert.Contains("Number of connections from drive: 2", r.Stdout);

        // Network A: every spike on NEURON's gid and step (times are 3-decimal in spk files).
        var reference = ReferenceSpikes.ReadData("seed_replay", "net_A", "spikes.csv").Select(s => (s.Gid, Step: s.Step(), s.Type)).ToHashSet();
        var ours = File.ReadAllLines(Path.Combine(dir, "net_A", "spk_0.txt")).Select(l => l.Split('\t'))
            .Select(p => (Gid: int.Parse(p[1], CultureInfo.InvariantCulture), Step: Step(p[0]), Type: p[2])).ToList();
        Assert.Equal(616, ours.Count);
        Assert.True(reference.SetEquals(ours), $"{ours.Count(reference.Contains)} of {ours.Count} Network A spikes share gid and step with NEURON");

        // Network B: per-type counts equal NEURON's.
        var expected = JsonDocument.Parse(File.ReadAllText(TestData.Path("seed_replay", "summary.json"))).RootElement
            .GetProperty("net_B").GetProperty("spike_counts");
        var counts = File.ReadAllLines(Path.Combine(dir, "net_B", "spk_0.txt")).GroupBy(l => l.Split('\t')[2]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var type in new[] { "L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal", "drive_from_NetA" })
            Assert.True(expected.GetProperty(type).GetInt32() == counts.GetValueOrDefault(type),
                $"Network B {type}: {counts.GetValueOrDefault(type)} spikes, NEURON {expected.GetProperty(type).GetInt32()}");
        Assert.True(File.Exists(Path.Combine(dir, "net_B", "dipole_0.txt")));
    }

    [Fact]
    public void HnnReplayRunsTheSameTutorial()
    {
        var dir = HnnProcess.TempDir();
        var r = HnnProcess.Run("replay", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Number of connections from drive: 2", r.Stdout);
        Assert.Contains("Network A: 616 spikes", r.Stdout);
        Assert.Contains("Network B: 977 spikes", r.Stdout);
        foreach (var f in new[] { "net_A/spk_0.txt", "net_A/dipole_0.txt", "net_A/summary.json", "net_A/dipole.png", "net_A/raster.png", "net_A/spike_hist.png",
                     "net_B/spk_0.txt", "net_B/dipole_0.txt", "net_B/summary.json", "net_B/dipole.png", "raster.png" })
            Assert.True(File.Exists(Path.Combine(dir, f)), $"{f} missing");
    }

    private static long Step(string time) => (long)Math.Round(double.Parse(time, CultureInfo.InvariantCulture) / 0.025);
}
