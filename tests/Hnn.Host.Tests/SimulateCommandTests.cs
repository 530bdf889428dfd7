using System.Globalization;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn simulate`: the seed tutorial's Network A from its experiment file reproduces NEURON's
/// spikes; bad input anywhere (arguments, experiment file, spike files) exits 2 with one line
/// naming the file or argument and leaves no output behind.
/// </summary>
public sealed class SimulateCommandTests
{
    private const string Net = """{"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 20, "dt": 0.025, "n_trials": 1, "drives": [DRIVES]}""";
    private const string Evoked = """{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}""";

    [Fact]
    public void NetworkAFromItsExperimentFileMatchesNeuron()
    {
        var dir = HnnProcess.TempDir();
        var r = HnnProcess.Run("simulate", TestData.Example("net_a.json"), "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var reference = ReferenceSpikes.ReadData("seed_replay", "net_A", "spikes.csv").Select(s => (s.Gid, s.Step(), s.Type)).ToHashSet();
        var ours = File.ReadAllLines(Path.Combine(dir, "spk_0.txt")).Select(l => l.Split('\t')).Select(p => (Csv.Int(p[1]), Step(p[0]), p[2])).ToList();
        Assert.True(ours.Count == 616 && reference.SetEquals(ours), $"{ours.Count} spikes (NEURON 616), {ours.Count(reference.Contains)} with NEURON's gid and step");
        Assert.Equal(6801, File.ReadAllLines(Path.Combine(dir, "dipole_0.txt")).Length);
        Assert.Contains("\"L5_pyramidal\": 268", File.ReadAllText(Path.Combine(dir, "summary.json")));
        foreach (var png in new[] { "raster.png", "dipole.png", "spike_hist.png" })
            Assert.True(File.ReadAllBytes(Path.Combine(dir, png)).AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{png} is not a PNG");
    }

    public static TheoryData<string, string, string, string[]> BadInputs() => new()
    {
        { "missing experiment file", "", "experiment file", ["simulate", "{dir}/nope.json", "--out", "{dir}/out"] },
        { "empty experiment file", "", "not valid JSON", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "malformed JSON", "{\"network\": ", "not valid JSON", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "unknown top-level key", Net.Replace("[DRIVES]", "[]").Replace("\"dt\"", "\"dtt\""), "$.dtt: unknown key", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "unknown model", Net.Replace("jones_2009_model", "jones_2010").Replace("[DRIVES]", "[]"), "jones_2010", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "unknown cell type in weights", Net.Replace("[DRIVES]", "[" + Evoked.Replace("L5_pyramidal", "L4_stellate") + "]"), "L4_stellate", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "unknown drive type", Net.Replace("[DRIVES]", "[" + Evoked.Replace("\"evoked\"", "\"gamma\"") + "]"), "gamma", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "bad location", Net.Replace("[DRIVES]", "[" + Evoked.Replace("\"distal\"", "\"middle\"") + "]"), "middle", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "negative sigma", Net.Replace("[DRIVES]", "[" + Evoked.Replace("\"sigma\": 1", "\"sigma\": -1") + "]"), "sigma", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "negative tstop", Net.Replace("[DRIVES]", "[]").Replace("\"tstop\": 20", "\"tstop\": -20"), "tstop", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "zero dt", Net.Replace("[DRIVES]", "[]").Replace("\"dt\": 0.025", "\"dt\": 0"), "dt", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "dt longer than the shortest delay", Net.Replace("[DRIVES]", "[" + Evoked + "]").Replace("\"dt\": 0.025", "\"dt\": 2"), "shorter than dt", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "zero trials", Net.Replace("[DRIVES]", "[]").Replace("\"n_trials\": 1", "\"n_trials\": 0"), "n_trials", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "tstop is text", Net.Replace("[DRIVES]", "[]").Replace("\"tstop\": 20", "\"tstop\": \"long\""), "tstop", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "spike files that do not exist", Net.Replace("[DRIVES]", """[{"type": "spike_train", "name": "r", "spike_data": "nothing_*.txt", "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]"""), "nothing_*.txt", ["simulate", "{file}", "--out", "{dir}/out"] },
        { "malformed spike file", Net.Replace("[DRIVES]", """[{"type": "spike_train", "name": "r", "spike_data": "spk_*.txt", "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]"""), "spk_0.txt", ["simulate", "{file}", "--out", "{dir}/out", "#spk:1.000\tabc\tL5_pyramidal"] },
        { "empty spike file", Net.Replace("[DRIVES]", """[{"type": "spike_train", "name": "r", "spike_data": "spk_*.txt", "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]"""), "spike_data", ["simulate", "{file}", "--out", "{dir}/out", "#spk:"] },
        { "zero shards", Net.Replace("[DRIVES]", "[]"), "--shards must be ≥ 1, got 0", ["simulate", "{file}", "--out", "{dir}/out", "--shards", "0"] },
        { "more shards than cells", Net.Replace("[DRIVES]", "[]"), "--shards 1000000 is more than the largest cell type has cells (4); allowed: 1 … 4", ["simulate", "{file}", "--out", "{dir}/out", "--shards", "1000000"] },
        { "--workers without --cluster", Net.Replace("[DRIVES]", "[]"), "--workers is a cluster option; add --cluster", ["simulate", "{file}", "--out", "{dir}/out", "--workers", "5"] },
        { "--checkpoint-every without --cluster", Net.Replace("[DRIVES]", "[]"), "--checkpoint-every is a cluster option", ["simulate", "{file}", "--out", "{dir}/out", "--checkpoint-every", "-5"] },
        { "negative --checkpoint-every", Net.Replace("[DRIVES]", "[]"), "--checkpoint-every must be ≥ 1 epoch, got -5", ["simulate", "{file}", "--out", "{dir}/out", "--cluster", "--checkpoint-every", "-5"] },
        { "bench cells with tstop NaN", "", "tstop must be a positive number of ms, got NaN", ["bench", "cells", "--tstop", "NaN"] },
        { "bench cells with negative tstop", "", "tstop must be a positive number of ms, got -5", ["bench", "cells", "--tstop", "-5"] },
        { "cell with more steps than a run may take", "", "needs 4E+13 steps; at most 2147483646 are allowed", ["cell", "L5_pyramidal", "--tstop", "1e12", "--out", "{dir}/out"] },
        { "--out is a file", Net.Replace("[DRIVES]", "[]"), "is a file, not a folder", ["simulate", "{file}", "--out", "{file}"] },
        { "--out missing", Net.Replace("[DRIVES]", "[]"), "--out", ["simulate", "{file}"] },
        { "replay --out is a file", "{}", "is a file, not a folder", ["replay", "--out", "{file}"] },
        { "unknown verb", "", "simulat", ["simulat", "{file}"] },
        { "bench cells with no cells", "", "--cells must be ≥ 1, got 0", ["bench", "cells", "--cells", "0"] },
        { "bench erp with a zero mesh", "", "--mesh must be ≥ 1, got 0", ["bench", "erp", "--mesh", "0"] },
        { "cluster run with no workers", Net.Replace("[DRIVES]", "[]"), "--workers must be ≥ 1, got 0", ["simulate", "{file}", "--out", "{dir}/out", "--cluster", "--workers", "0"] },
        { "cluster run with a malformed seed", Net.Replace("[DRIVES]", "[]"), "seed 'localhost:4053' is not an address akka.tcp://hnn@HOST:PORT", ["simulate", "{file}", "--out", "{dir}/out", "--cluster", "--seed", "localhost:4053"] },
        { "node starting a cluster on a random port", "", "needs a fixed --port", ["node"] },
        { "node with an unknown role", "", "--role 'boss' is not supported here; allowed: worker", ["node", "--role", "boss", "--seed", "akka.tcp://hnn@127.0.0.1:4053"] },
        { "node with a port out of range", "", "port 70000 is out of range", ["node", "--port", "70000", "--seed", "akka.tcp://hnn@127.0.0.1:4053"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsWith2WithOneClearLineAndNoOutput(string why, string fileText, string message, string[] args)
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, fileText);
        var argv = args.Where(a => !a.StartsWith("#spk:", StringComparison.Ordinal))
            .Select(a => a.Replace("{dir}", dir).Replace("{file}", file)).ToArray();
        if (args.FirstOrDefault(a => a.StartsWith("#spk:", StringComparison.Ordinal)) is { } spk)
            File.WriteAllText(Path.Combine(dir, "spk_0.txt"), spk["#spk:".Length..]);
        var before = Directory.GetFileSystemEntries(dir).Length;

        var r = HnnProcess.Run(argv);

        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}; stderr: {r.Stderr}");
        Assert.Contains(message, r.Stderr);
        Assert.True(r.Stderr.Trim().Split('\n').Length <= 2, $"{why}: expected one clear line, got: {r.Stderr}");
        Assert.False(Directory.Exists(Path.Combine(dir, "out")), $"{why}: an output folder was created");
        Assert.Equal(before, Directory.GetFileSystemEntries(dir).Length);
    }

    private static long Step(string time) => (long)Math.Round(double.Parse(time, CultureInfo.InvariantCulture) / 0.025);
}
