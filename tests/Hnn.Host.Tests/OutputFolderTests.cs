using Hnn.Host.Files;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// Output folders are written as a whole: a new run replaces an earlier run's folder (never a mix
/// of the two), a failure leaves the old folder untouched, and no temporary folder stays behind.
/// </summary>
public sealed class OutputFolderTests(ITestOutputHelper output)
{
    private const string Net = """{"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 10, "dt": 0.025, "n_trials": N, "drives": [{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}]}""";

    [Fact]
    public void AOneTrialRunReplacesAThreeTrialRunAsAWhole()
    {
        var dir = HnnProcess.TempDir();
        var out1 = Path.Combine(dir, "out");
        foreach (var n in new[] { 3, 1 })
        {
            var file = Path.Combine(dir, $"run{n}.json");
            File.WriteAllText(file, Net.Replace("N", n.ToString()));
            var r = HnnProcess.Run("simulate", file, "--out", out1, "--shards", "1");
            Assert.True(r.ExitCode == 0, r.Stderr);
            var files = Directory.GetFiles(out1).Select(p => Path.GetFileName(p)).Order().ToArray();
            output.WriteLine($"after the {n}-trial run: {string.Join(" ", files)}");
            Assert.Equal(n, files.Count(f => f!.StartsWith("spk_")));
            Assert.Equal(n, files.Count(f => f!.StartsWith("dipole_") && f.EndsWith(".txt")));
            Assert.Equal(n, files.Count(f => f!.StartsWith("dipole_raw_fAm_") && f.EndsWith(".csv")));
        }
        Assert.Contains("\"n_trials\": 1", File.ReadAllText(Path.Combine(out1, "summary.json")));
        Assert.Equal(new[] { "out", "run1.json", "run3.json" }, Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order().ToArray());
    }

    [Fact]
    public void AFailedFillLeavesTheOldFolderAndNoTemporaryFolder()
    {
        var parent = HnnProcess.TempDir();
        var dir = Path.Combine(parent, "job");
        AtomicFolder.Write(dir, temp => File.WriteAllText(Path.Combine(temp, "a.txt"), "old"));
        Assert.Throws<IOException>(() => AtomicFolder.Write(dir, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "b.txt"), "new");
            throw new IOException("disk full (simulated)");
        }));
        Assert.Equal(new[] { "a.txt" }, Directory.GetFiles(dir).Select(p => Path.GetFileName(p)).ToArray());
        Assert.Equal(new[] { "job" }, Directory.GetFileSystemEntries(parent).Select(p => Path.GetFileName(p)).ToArray());

        AtomicFolder.Write(dir, temp => File.WriteAllText(Path.Combine(temp, "b.txt"), "new"));
        Assert.Equal(new[] { "b.txt" }, Directory.GetFiles(dir).Select(p => Path.GetFileName(p)).ToArray());
        Assert.Equal(new[] { "job" }, Directory.GetFileSystemEntries(parent).Select(p => Path.GetFileName(p)).ToArray());
    }

    [Fact]
    public void AFolderPathThatIsAFileIsRefused()
    {
        var file = Path.Combine(HnnProcess.TempDir(), "x");
        File.WriteAllText(file, "keep");
        var e = Assert.Throws<IOException>(() => AtomicFolder.Write(file, _ => { }));
        Assert.Contains("is a file, not a folder", e.Message);
        Assert.Equal("keep", File.ReadAllText(file));
    }
}
