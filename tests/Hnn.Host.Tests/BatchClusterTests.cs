using Akka.Actor;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// Batches spread over two workers (node hosts as `hnn node` starts them, loopback, this process):
/// every job gives its local result exactly, both workers take jobs, and a worker lost mid-batch
/// has its jobs run on the other.
/// </summary>
public sealed class BatchClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double Tstop = 60.0;
    private IHost _coordinatorHost = null!;
    private ActorSystem _coordinator = null!;
    private readonly List<IHost> _workers = [];
    private IReadOnlyList<Address> _addresses = [];

    public async Task InitializeAsync()
    {
        _coordinatorHost = ClusterNodeHost.Build(new ClusterNodeOptions(ClusterNodeOptions.CoordinatorRole));
        await _coordinatorHost.StartAsync();
        _coordinator = ClusterNodeHost.ActorSystemOf(_coordinatorHost);
        var seed = Akka.Cluster.Cluster.Get(_coordinator).SelfAddress.ToString();
        for (var i = 0; i < 2; i++)
        {
            var worker = ClusterNodeHost.Build(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, Seeds: [seed]));
            await worker.StartAsync();
            _workers.Add(worker);
        }
        _addresses = await ClusterNodeHost.WaitForWorkersAsync(_coordinator, 2, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _workers.Append(_coordinatorHost))
        {
            using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
                await host.StopAsync(limit.Token);
            host.Dispose();
        }
    }

    private static NetworkSpec Net(IReadOnlyDictionary<string, double> p) =>
        Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)), p["tstart"]);

    private static IReadOnlyList<IReadOnlyDictionary<string, double>> Sets(int n) =>
        Enumerable.Range(0, n).Select(i => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["tstart"] = -10.0 * i }).ToArray();

    private static void AssertLocal(IReadOnlyList<IReadOnlyDictionary<string, double>> sets, BatchJobResult r)
    {
        Assert.True(r.Status == BatchJobStatus.Done, $"job {r.Id}: {r.Error}");
        var net = Net(sets[r.Id]);
        var alone = new NetworkTrial(net, Tstop, 0.025, 0, ShardLayout.Split(net, 1)).Run();
        Assert.Equal(alone.SpikeGids, r.Result!.Trials[0].SpikeGids);
        Assert.Equal(alone.SpikeTimes, r.Result.Trials[0].SpikeTimes);
        foreach (var (type, d) in alone.RawDipoles) Assert.Equal(d, r.Result.Trials[0].RawDipoles[type]);
    }

    [Fact]
    public async Task JobsOnTwoWorkersGiveTheirLocalResults()
    {
        var sets = Sets(6);
        await using var sim = new Simulator(_coordinator, new SimulatorOptions(Workers: _addresses, JobsPerNode: 1));
        var results = new List<BatchJobResult>();
        await foreach (var r in sim.RunBatchAsync(sets, Net, Tstop)) results.Add(r);
        output.WriteLine(string.Join("; ", results.Select(r => $"job {r.Id} on {r.Node} {r.WallSeconds:F2} s, {r.Result?.Trials[0].SpikeTimes.Length} spikes")));
        Assert.Equal(6, results.Count);
        foreach (var r in results) AssertLocal(sets, r);
        Assert.Equal(2, results.Select(r => r.Node).Distinct().Count());
        Assert.DoesNotContain(results, r => r.Node == "local");
    }

    [Fact]
    public async Task AWorkerLostMidBatchHasItsJobsRunOnTheOther()
    {
        // Jobs long enough (≈0.5 s) that the worker is stopped with one of them in flight.
        const double tstop = 250.0;
        var sets = Sets(6);
        await using var sim = new Simulator(_coordinator, new SimulatorOptions(Workers: _addresses, JobsPerNode: 1));
        var lostSystem = ClusterNodeHost.ActorSystemOf(_workers[1]);
        var lost = Akka.Cluster.Cluster.Get(lostSystem).SelfAddress;
        var lostNode = $"{lost.Host}:{lost.Port}";
        var stopped = 0;
        var stoppedAt = TimeSpan.Zero;
        var progress = new Progress(p =>
        {
            // Both workers busy: stop one. Waiting here (the batch's reader) until it is gone keeps
            // the results of later jobs from being read before the loss.
            if (p.Running == 2 && Interlocked.Exchange(ref stopped, 1) == 0)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                _workers[1].StopAsync(limit.Token).Wait();
                Assert.True(lostSystem.WhenTerminated.Wait(TimeSpan.FromSeconds(20)), "the worker did not stop");
                stoppedAt = p.Elapsed;
            }
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<BatchJobResult>();
        BatchProgress? last = null;
        var counting = new Progress(p =>
        {
            progress.Report(p);
            last = p;
        });
        await foreach (var r in sim.RunBatchAsync(sets, p => Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)), p["tstart"]), tstop, progress: counting))
            results.Add(r);
        output.WriteLine($"worker {lostNode} stopped mid-batch; {last!.Requeued} job(s) re-queued; all 6 jobs done in {clock.Elapsed.TotalSeconds:F1} s: " +
            string.Join("; ", results.Select(r => $"job {r.Id} on {r.Node} ({r.WallSeconds:F2} s)")));
        Assert.Equal(1, stopped);
        Assert.True(last.Requeued >= 1, "the stopped worker's job should have gone back to the queue");
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r.Id).Order());
        Assert.All(results, r => Assert.Equal(BatchJobStatus.Done, r.Status));
        foreach (var r in results)
        {
            var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)), sets[r.Id]["tstart"]);
            var alone = new NetworkTrial(net, tstop, 0.025, 0, ShardLayout.Split(net, 1)).Run();
            Assert.Equal(alone.SpikeTimes, r.Result!.Trials[0].SpikeTimes);
            Assert.Equal(alone.SpikeGids, r.Result.Trials[0].SpikeGids);
        }
    }

    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}
