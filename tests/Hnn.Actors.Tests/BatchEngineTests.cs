using Akka.Actor;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>
/// Batches on the local actor system: every job gives what the same network gives alone, a
/// failing job is recorded and the batch goes on, and a job whose executor dies runs again elsewhere.
/// </summary>
public sealed class BatchEngineTests(ITestOutputHelper output) : TestKit(EngineConfig.Local(2))
{
    private const double Tstop = 40.0;

    private static NetworkSpec Net(IReadOnlyDictionary<string, double> p) =>
        Jones2009.Create(new MeshShape(2, 2)).AddEvokedDrive("evprox1", mu: p["mu"], sigma: 2.47, numspikes: 1, location: "proximal",
            weightsAmpa: new Dictionary<string, double> { ["L2_basket"] = 0.08831, ["L2_pyramidal"] = 0.01525, ["L5_basket"] = 0.19934, ["L5_pyramidal"] = p["w"] },
            synapticDelays: new Dictionary<string, double> { ["L2_basket"] = 0.1, ["L2_pyramidal"] = 0.1, ["L5_basket"] = 1.0, ["L5_pyramidal"] = 1.0 },
            eventSeed: 544);

    private static IReadOnlyList<IReadOnlyDictionary<string, double>> Grid(params (double Mu, double W)[] rows) =>
        rows.Select(r => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["mu"] = r.Mu, ["w"] = r.W }).ToArray();

    [Fact]
    public async Task EveryJobGivesWhatItsNetworkGivesAlone()
    {
        var sets = Grid((10, 0.00865), (15, 0.00865), (10, 0.5), (15, 0.5));
        await using var sim = new Simulator(Sys, new SimulatorOptions(JobsPerNode: 2));
        var progress = new List<BatchProgress>();
        var results = new List<BatchJobResult>();
        await foreach (var r in sim.RunBatchAsync(sets, Net, Tstop, summarize: s => new Dictionary<string, double> { ["spikes"] = s.Trials[0].SpikeTimes.Length },
            progress: new Progress<BatchProgress>(progress.Add)))
            results.Add(r);

        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Id).Order());
        Assert.Equal(4, results.Select(r => r.Key).Distinct().Count());
        foreach (var r in results.OrderBy(r => r.Id))
        {
            Assert.True(r.Status == BatchJobStatus.Done, $"job {r.Id}: {r.Error}");
            var alone = new NetworkTrial(Net(sets[r.Id]), Tstop, 0.025, 0, ShardLayout.Split(Net(sets[r.Id]), 1)).Run();
            output.WriteLine($"job {r.Id} ({string.Join(", ", r.Parameters.Select(p => $"{p.Key}={p.Value}"))}) on {r.Node}: {alone.SpikeTimes.Length} spikes, {r.WallSeconds:F2} s");
            Assert.Equal(alone.SpikeGids, r.Result!.Trials[0].SpikeGids);
            Assert.Equal(alone.SpikeTimes, r.Result.Trials[0].SpikeTimes);
            foreach (var (type, d) in alone.RawDipoles) Assert.Equal(d, r.Result.Trials[0].RawDipoles[type]);
            Assert.Equal(alone.SpikeTimes.Length, r.Summaries.Single(s => s.Key == "spikes").Value);
        }
        // The strong L5 weight makes the network fire: the jobs differ, so the comparison above compares something.
        Assert.NotEqual(results.Single(r => r.Id == 0).Summaries[0].Value, results.Single(r => r.Id == 2).Summaries[0].Value);
        await Task.Delay(100);
        Assert.Contains(progress, p => p.Done == 4 && p.Total == 4);
    }

    [Fact]
    public async Task AJobThatFailsIsRecordedAndTheOthersRun()
    {
        var sets = Grid((10, 0.01), (-1, 0.01), (12, 0.01));
        await using var sim = new Simulator(Sys, new SimulatorOptions(JobsPerNode: 2));
        var results = new List<BatchJobResult>();
        await foreach (var r in sim.RunBatchAsync(sets, p => p["mu"] < 0 ? throw new ArgumentException($"mu must be ≥ 0, got {p["mu"]}") : Net(p), Tstop))
            results.Add(r);
        var failed = results.Single(r => r.Id == 1);
        output.WriteLine($"job 1: {failed.Status}: {failed.Error}");
        Assert.Equal(BatchJobStatus.Failed, failed.Status);
        Assert.Equal("mu must be ≥ 0, got -1", failed.Error);
        Assert.All(results.Where(r => r.Id != 1), r => Assert.Equal(BatchJobStatus.Done, r.Status));
    }

    [Fact]
    public async Task AJobWhoseExecutorDiesRunsAgainElsewhere()
    {
        var sets = Grid((10, 0.5), (11, 0.5), (12, 0.5));
        await using var sim = new Simulator(Sys, new SimulatorOptions(JobsPerNode: 2));
        var requeued = false;
        var results = new List<BatchJobResult>();
        var progress = new Progress<BatchProgress>(p =>
        {
            // Kill one executor as soon as both run a job: the dispatcher must give its job to the other.
            if (p.Running == 2 && !requeued)
            {
                requeued = true;
                Sys.ActorSelection("/user/batch-worker-*/executor-0").Tell(PoisonPill.Instance);
            }
        });
        await foreach (var r in sim.RunBatchAsync(sets, Net, Tstop, progress: progress)) results.Add(r);
        Assert.True(requeued);
        Assert.Equal([0, 1, 2], results.Select(r => r.Id).Order());
        foreach (var r in results)
        {
            Assert.Equal(BatchJobStatus.Done, r.Status);
            var alone = new NetworkTrial(Net(sets[r.Id]), Tstop, 0.025).Run();
            Assert.Equal(alone.SpikeTimes, r.Result!.Trials[0].SpikeTimes);
        }
        output.WriteLine($"3 jobs done after one of 2 executors was stopped mid-job: {string.Join(", ", results.Select(r => $"{r.Id}@{r.WallSeconds:F2}s"))}");
    }
}
