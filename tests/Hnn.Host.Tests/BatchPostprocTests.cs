using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// `hnn batch` and the experiment's "postproc": every job post-processes its dipoles as `hnn
/// simulate` does (the same dipole_0.txt, byte for byte), and the dipole summaries see the
/// post-processed dipole, as HNN-core's Optimizer compares the smoothed and scaled one.
/// </summary>
public sealed class BatchPostprocTests(ITestOutputHelper output)
{
    private const string Experiment = """
        {"network": {"model": "jones_2009_model", "mesh_shape": [3, 3]}, "tstop": 30, "dt": 0.025, "n_trials": 1,
         "drives": [{"type": "evoked", "name": "evprox1", "mu": 10, "sigma": 2, "numspikes": 1, "location": "proximal",
                     "weights_ampa": {"L2_pyramidal": 0.02, "L5_pyramidal": 0.5}, "event_seed": 544}],
         "postproc": {"smooth": 5, "scale": 3000}}
        """;

    private const string Sweep = """
        {"experiment": "experiment.json", "parameters": [{"path": "drives.evprox1.mu", "values": [8, 14]}],
         "keep": ["summary", "dipole"], "summaries": ["dipole_peak"]}
        """;

    [Fact]
    public void JobsPostProcessAsHnnSimulateAndTheirSummariesSeeIt()
    {
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "experiment.json"), Experiment);
        File.WriteAllText(Path.Combine(dir, "sweep.json"), Sweep);
        var r = HnnProcess.Run("batch", Path.Combine(dir, "sweep.json"), "--out", Path.Combine(dir, "out"), "--jobs", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("jobs 2/2 done (100%)", r.Stdout);
        var rows = Csv.Read(Path.Combine(dir, "out", "results.csv"));
        foreach (var row in rows.Rows)
        {
            var job = Path.Combine(dir, "out", "jobs", row[0]);
            Assert.Contains("\"postproc\"", File.ReadAllText(Path.Combine(job, "experiment.json")));
            var alone = Path.Combine(dir, "alone", row[0]);
            var s = HnnProcess.Run("simulate", Path.Combine(job, "experiment.json"), "--out", alone);
            Assert.True(s.ExitCode == 0, s.Stderr);
            Assert.True(File.ReadAllBytes(Path.Combine(job, "dipole_0.txt")).SequenceEqual(File.ReadAllBytes(Path.Combine(alone, "dipole_0.txt"))),
                $"job {row[0]}: dipole_0.txt differs from hnn simulate's");

            var agg = Csv.Read(Path.Combine(alone, "dipole_0.csv")).Doubles("agg");
            var peak = agg.Max(Math.Abs);
            var summary = Csv.Double(row[rows.Column("dipole_peak")]);
            // A job integrates on one shard per type, hnn simulate on one per core: the sums differ in rounding only.
            var relative = Math.Abs(summary - peak) / peak;
            output.WriteLine($"job {row[0]} (mu {row[1]}): dipole_peak {summary:R}, max|agg| of the post-processed dipole {peak:R} (relative Δ {relative:E1})");
            Assert.True(relative <= 1e-12, $"job {row[0]}: dipole_peak {summary:R} is not the post-processed dipole's peak {peak:R}");
            Assert.True(peak > 1, "the peak is not scaled by 3000: the summary would not see the post-processing");
        }
    }
}
