using System.Globalization;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn batch`: every job writes what `hnn simulate` writes for the job's own experiment file; a
/// rerun on the same folder resumes and writes the same results.csv; a job the model refuses is
/// recorded and the others run; a bad sweep exits 2 with one line and writes nothing.
/// </summary>
public sealed class BatchCommandTests(ITestOutputHelper output)
{
    private const string Experiment = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 40, "dt": 0.025, "n_trials": 1,
         "drives": [{"type": "evoked", "name": "evprox1", "mu": 10, "sigma": 2, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_basket": 0.08831, "L2_pyramidal": 0.01525, "L5_basket": 0.19934, "L5_pyramidal": 0.5},
                     "synaptic_delays": {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}, "event_seed": 544}]}
        """;

    private static string Sweep(string values, string keep = "\"summary\", \"spikes\", \"dipole\"") => $$"""
        {"experiment": "experiment.json",
         "parameters": [{"path": "drives.evprox1.mu", "values": [{{values}}]}],
         "keep": [{{keep}}], "summaries": ["spike_counts", "dipole_peak"]}
        """;

    private static (string Dir, string Sweep) Folder(string sweep, string experiment = Experiment)
    {
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "experiment.json"), experiment);
        File.WriteAllText(Path.Combine(dir, "sweep.json"), sweep);
        return (dir, Path.Combine(dir, "sweep.json"));
    }

    private static string[][] Rows(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "results.csv")).Select(l => l.Split(',')).ToArray();

    /// <summary>results.csv without wall_s and node: what must not depend on how the batch ran.</summary>
    private static string[] Science(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "results.csv")).Select(l => string.Join(',', l.Split(',')[..^2])).ToArray();

    [Fact]
    public void EveryJobWritesWhatHnnSimulateWritesForItsExperimentFile()
    {
        var (dir, sweep) = Folder(Sweep("8, 12, 16"));
        var r = HnnProcess.Run("batch", sweep, "--out", Path.Combine(dir, "out"), "--jobs", "2");
        output.WriteLine(r.Stdout + r.Stderr);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = Rows(Path.Combine(dir, "out"));
        Assert.Equal(["job_id", "drives.evprox1.mu", "spikes_L2_basket", "spikes_L2_pyramidal", "spikes_L5_basket", "spikes_L5_pyramidal",
            "spikes_total", "dipole_peak", "dipole_peak_time", "status", "error", "wall_s", "node"], rows[0]);
        Assert.Equal(["0", "1", "2"], rows.Skip(1).Select(x => x[0]));
        Assert.Equal(["8", "12", "16"], rows.Skip(1).Select(x => x[1]));
        foreach (var row in rows.Skip(1))
        {
            var job = Path.Combine(dir, "out", "jobs", row[0]);
            var alone = Path.Combine(dir, "alone", row[0]);
            var s = HnnProcess.Run("simulate", Path.Combine(job, "experiment.json"), "--out", alone);
            Assert.True(s.ExitCode == 0, s.Stderr);
            foreach (var f in new[] { "spk_0.txt", "dipole_0.txt" })
                Assert.True(File.ReadAllBytes(Path.Combine(job, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(alone, f))), $"job {row[0]}: {f} differs from hnn simulate's");
            // The summary counts what the spike file holds: the cells' spikes, not the drive's.
            var cellSpikes = File.ReadAllLines(Path.Combine(job, "spk_0.txt")).Count(l => !l.Contains("evprox1", StringComparison.Ordinal));
            output.WriteLine($"job {row[0]} (mu {row[1]}): {cellSpikes} cell spikes, spikes_total {row[6]}, dipole peak {row[7]} nAm at {row[8]} ms, identical to hnn simulate");
            Assert.Equal(cellSpikes, double.Parse(row[6], CultureInfo.InvariantCulture));
            Assert.Equal("done", row[9]);
        }
        Assert.NotEqual(rows[1][8], rows[3][8]); // the jobs differ, so the comparison compares something
    }

    [Fact]
    public void ARerunResumesAndWritesTheSameResults()
    {
        var (dir, sweep) = Folder(Sweep("8, 12, 16", "\"summary\""));
        var out1 = Path.Combine(dir, "out");
        Assert.Equal(0, HnnProcess.Run("batch", sweep, "--out", out1).ExitCode);
        var uninterrupted = Science(out1);
        // As if killed while job 1 ran: its folder never got into place, a temporary folder is left.
        Directory.Delete(Path.Combine(out1, "jobs", "1"), recursive: true);
        Directory.CreateDirectory(Path.Combine(out1, "jobs", ".1.0123.tmp"));
        Directory.CreateDirectory(Path.Combine(out1, "jobs", "7")); // and another sweep's job
        var r = HnnProcess.Run("batch", sweep, "--out", out1);
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("2 already done", r.Stdout);
        Assert.Contains("this run: 1 job(s)", r.Stdout);
        Assert.Equal(uninterrupted, Science(out1));
        Assert.Equal(["0", "1", "2"], Directory.GetDirectories(Path.Combine(out1, "jobs")).Select(Path.GetFileName).Order());
        // A changed sweep (another summary) is another set of jobs: nothing is skipped.
        File.WriteAllText(sweep, Sweep("8, 12, 16", "\"summary\"").Replace("\"dipole_peak\"", "\"dipole_peak\", {\"dipole_peak\": {\"scale\": 3000, \"name\": \"scaled\"}}"));
        var changed = HnnProcess.Run("batch", sweep, "--out", out1);
        Assert.Contains("0 already done", changed.Stdout);
    }

    [Fact]
    public void AJobTheModelRefusesIsRecordedAndTheOthersRun()
    {
        var (dir, sweep) = Folder(Sweep("1", "\"summary\"").Replace("drives.evprox1.mu", "drives.evprox1.sigma").Replace("[1]", "[2, -1, 3]"));
        var r = HnnProcess.Run("batch", sweep, "--out", Path.Combine(dir, "out"));
        output.WriteLine(r.Stdout + r.Stderr);
        Assert.Equal(1, r.ExitCode);
        var rows = Rows(Path.Combine(dir, "out"));
        Assert.Equal(["done", "failed", "done"], rows.Skip(1).Select(x => x[^4]));
        var failed = File.ReadAllLines(Path.Combine(dir, "out", "results.csv"))[2];
        output.WriteLine(failed);
        Assert.Contains("sigma", failed);
        Assert.True(File.Exists(Path.Combine(dir, "out", "jobs", "1", "experiment.json")));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Theory]
    [InlineData("INT", 2, 130)]
    [InlineData("TERM", 15, 143)]
    public async Task ASignalMidBatchKeepsTheFinishedJobsAndARerunCompletesIt(string signal, int number, int exitCode)
    {
        // Five jobs one at a time, each long enough (3×3, 150 ms) that the signal lands while one runs.
        var (dir, sweep) = Folder(Sweep("8, 10, 12, 14, 16", "\"summary\"")
            .Replace("\"experiment\": \"experiment.json\"", "\"experiment\": \"experiment.json\", \"n_trials\": 1"),
            Experiment.Replace("[2, 2]", "[3, 3]").Replace("\"tstop\": 40", "\"tstop\": 150"));
        var outDir = Path.Combine(dir, "out");
        using var process = HnnProcess.Start("batch", sweep, "--out", outDir, "--jobs", "1");
        var stderr = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("jobs 1/5 done", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        Assert.Equal(0, Kill(process.Id, number));
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "hnn batch did not stop within 60 s of the signal");
        var err = (await stderr).Trim();
        output.WriteLine($"SIG{signal}: exit {process.ExitCode}; {err}");
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Matches(@"^hnn batch: cancelled with [1-4] of 5 jobs done \(kept in .*results.csv\); run the same command again to resume$", err);
        var kept = Rows(outDir).Length - 1;
        Assert.InRange(kept, 1, 4);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.Combine(outDir, "jobs")), p => Path.GetFileName(p).StartsWith('.'));

        var rerun = HnnProcess.Run("batch", sweep, "--out", outDir, "--jobs", "1");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Contains($"{kept} already done", rerun.Stdout);
        Assert.Equal(["done", "done", "done", "done", "done"], Rows(outDir).Skip(1).Select(x => x[^4]));
    }

    public static TheoryData<string, string, string, string[]> BadInputs => new()
    {
        { "unknown key", Sweep("8").Replace("\"keep\"", "\"kept\""), "kept", [] },
        { "a path that does not exist", Sweep("8").Replace("evprox1.mu", "evprox9.mu"), "no drive named 'evprox9'", [] },
        { "a value of the wrong type", Sweep("\"soon\""), "\"soon\"", [] },
        { "a missing experiment", Sweep("8").Replace("experiment.json", "nothere.json"), "nothere.json", [] },
        { "a missing target", Sweep("8").Replace("\"dipole_peak\"]", "{\"dipole_rmse\": {\"target\": \"none.txt\"}}]"), "none.txt", [] },
        { "--jobs 0", Sweep("8"), "--jobs must be ≥ 1, got 0", ["--jobs", "0"] },
        { "a cluster option alone", Sweep("8"), "--workers is a cluster option", ["--workers", "2"] },
        { "an --out folder with other files", Sweep("8"), "which a batch does not write", ["#foreign"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ABadSweepExitsWith2WithOneLineAndWritesNothing(string why, string sweepText, string message, string[] extra)
    {
        var (dir, sweep) = Folder(sweepText);
        var outDir = Path.Combine(dir, "out");
        if (extra.Contains("#foreign"))
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "thesis.tex"), "precious");
        }
        var r = HnnProcess.Run(["batch", sweep, "--out", outDir, .. extra.Where(a => a != "#foreign")]);
        output.WriteLine($"{why}: {r.Stderr.Trim()}");
        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}; stderr: {r.Stderr}");
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        if (extra.Contains("#foreign"))
            Assert.Equal(["thesis.tex"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
        else
            Assert.False(Directory.Exists(outDir), $"{why}: an output folder was created");
    }
}
