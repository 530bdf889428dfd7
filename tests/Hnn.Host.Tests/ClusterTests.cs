using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Actors.Tests;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// A coordinator and two workers, each a node host as `hnn` starts them
/// (<see cref="ClusterNodeHost"/>), on loopback (port 0) in this process: shards placed on the
/// workers give the local result exactly, also when a worker leaves in the middle of the run;
/// with no worker left the run fails with a clear error.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly NetworkSpec Net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)));
    private const double Tstop = 100.0;
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);
    private IHost _coordinatorHost = null!;
    private ActorSystem _coordinator = null!;
    private readonly List<IHost> _workers = [];
    private IReadOnlyList<Address> _addresses = [];

    public async Task InitializeAsync()
    {
        _coordinatorHost = await StartAsync(new ClusterNodeOptions(ClusterNodeOptions.CoordinatorRole));
        _coordinator = ClusterNodeHost.ActorSystemOf(_coordinatorHost);
        var seed = Akka.Cluster.Cluster.Get(_coordinator).SelfAddress.ToString();
        for (var i = 0; i < 2; i++)
            _workers.Add(await StartAsync(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, Seeds: [seed])));
        _addresses = await ClusterNodeHost.WaitForWorkersAsync(_coordinator, 2, TimeSpan.FromSeconds(30));
    }

    private static async Task<IHost> StartAsync(ClusterNodeOptions node)
    {
        var host = ClusterNodeHost.Build(node);
        await host.StartAsync();
        return host;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _workers.Append(_coordinatorHost))
        {
            // Stopping a node whose actor system is already gone is a no-op.
            using (var stopLimit = new CancellationTokenSource(StopLimit))
                await host.StopAsync(stopLimit.Token);
            host.Dispose();
        }
    }

    /// <summary>Stops a worker as Ctrl-C stops `hnn node`: the host stops, the node leaves the cluster, its actor system terminates.</summary>
    private static bool Stop(IHost worker)
    {
        var system = ClusterNodeHost.ActorSystemOf(worker);
        using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        worker.StopAsync(stopLimit.Token).Wait();
        return system.WhenTerminated.Wait(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ShardsOnTwoWorkersGiveTheLocalResult()
    {
        var local = new NetworkTrial(Net, Tstop, 0.025, 0, ShardLayout.Split(Net, 2)).Run();
        await using var sim = new Simulator(_coordinator, new SimulatorOptions(ShardsPerType: 2, Workers: _addresses));
        var result = await sim.SimulateDipoleAsync(Net, Tstop);
        output.WriteLine($"cluster: {result.Trials[0].SpikeTimes.Length} spikes; build {result.Timings[0].Build.TotalMilliseconds:F0} ms, simulate {result.Timings[0].Simulate.TotalMilliseconds:F0} ms");
        SameResult.Assert(local, result.Trials[0], output, "2 workers");
    }

    [Fact]
    public async Task AWorkerLostMidRunIsReplacedAndTheResultIsUnchanged()
    {
        const double tstop = 300.0;
        // Recording too: samples replayed after the recovery must appear once, as in the local run.
        var dir = Directory.CreateTempSubdirectory("hnn-cluster-rec-").FullName;
        var record = new Hnn.Biophysics.Recording.RecordSpec(Hnn.Biophysics.Recording.RecordScope.Soma, Hnn.Biophysics.Recording.RecordScope.None,
            Hnn.Biophysics.Recording.RecordScope.All);
        // And an electrode array: its potentials after the recovery must be the local run's too.
        var net = Net.AddElectrodeArray(new Hnn.Biophysics.Extracellular.ElectrodeArraySpec("shank",
            [new(1, 1, -200), new(1, 1, 400), new(1, 1, 1000), new(1, 1, 1600)], method: "lsa"));
        var local = new NetworkTrial(net, tstop, 0.025, 0, ShardLayout.Split(net, 2), new RecordingOptions(record, Path.Combine(dir, "local"))).Run();
        await using var sim = new Simulator(_coordinator, new SimulatorOptions(ShardsPerType: 2, Workers: _addresses, CheckpointEvery: 10));
        var stopped = 0;
        var progress = new Progress(p =>
        {
            // Reported on the coordinator's thread: waiting here holds the run at this epoch until
            // the worker is really gone, so the loss always lands mid-run.
            if (p.SimulatedMs > 20 && Interlocked.Exchange(ref stopped, 1) == 0)
                Assert.True(Stop(_workers[1]), "the worker did not stop");
        });
        var result = await sim.SimulateDipoleAsync(net, tstop, 0.025, 1, new RecordingOptions(record, Path.Combine(dir, "cluster")), progress);
        output.WriteLine($"worker stopped at 20 ms; recoveries: {result.Timings[0].Recoveries}; {result.Trials[0].SpikeTimes.Length} spikes");
        Assert.Equal(1, stopped);
        Assert.True(result.Timings[0].Recoveries >= 1, "the run should have recovered from the lost worker");
        SameResult.Assert(local, result.Trials[0], output, "after losing a worker");
        foreach (var (a, b) in local.Traces!.Files.Zip(result.Trials[0].Traces!.Files, (a, b) => (a, b)))
        {
            var (x, y) = (a.Read(), b.Read());
            Assert.Equal(x.Names, y.Names);
            Assert.Equal(12001, y.RowCount);
            foreach (var name in x.Names) Assert.Equal(x[name], y[name]);
        }
        output.WriteLine($"{local.Traces.Files.Count} trace files equal to the local run's");
        Assert.Equal(local.Potentials["shank"], result.Trials[0].Potentials["shank"]);   // same layout: the same sums
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task CoupledNetworksOnTheClusterGiveTheLocalResultAlsoAfterAWorkerIsLost()
    {
        const double tstop = 80.0;
        var spec = Hnn.Biophysics.Tests.Coupling.CoupledNetworks.Feedback();
        var layouts = spec.Names.Select((name, n) => (name, ShardLayout.Split(spec.Networks[n], 2)))
            .ToDictionary(x => x.name, x => (IReadOnlyList<ShardSpec>)x.Item2);
        var local = new Hnn.Biophysics.Coupling.MultiNetworkTrial(spec, TimeGrid.Create(tstop, 0.025), 0, layouts).Run();
        await using var sim = new Simulator(_coordinator, new SimulatorOptions(ShardsPerType: 2, Workers: _addresses, CheckpointEvery: 50));
        var stopped = 0;
        var progress = new Progress(p =>
        {
            if (p.SimulatedMs > 25 && Interlocked.Exchange(ref stopped, 1) == 0)
                Assert.True(Stop(_workers[1]), "the worker did not stop");
        });
        var result = await sim.SimulateAsync(spec, tstop, progress: progress);
        foreach (var (name, n) in new[] { ("A", 0), ("B", 1) })
        {
            output.WriteLine($"{name}: {result[name].Trials[0].SpikeTimes.Length} spikes, recoveries {result[name].Timings[0].Recoveries}");
            Assert.True(result[name].Timings[0].Recoveries >= 1, $"{name} should have recovered from the lost worker");
            SameResult.Assert(local[n], result[name].Trials[0], output, $"{name} on the cluster, a worker lost at 25 ms");
        }
    }

    [Fact]
    public async Task WithNoWorkerLeftTheRunFailsClearly()
    {
        await using var sim = new Simulator(_coordinator, new SimulatorOptions(ShardsPerType: 2, Workers: _addresses, CheckpointEvery: 10));
        var stopped = 0;
        var progress = new Progress(p =>
        {
            if (p.SimulatedMs > 30 && Interlocked.Exchange(ref stopped, 1) == 0)
                Assert.True(Task.WhenAll(_workers.Select(w => Task.Run(() => Stop(w)))).Result.All(stopped => stopped), "the workers did not stop");
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<SimulationException>(() => sim.SimulateDipoleAsync(Net, 300.0, progress: progress));
        output.WriteLine($"{e.Message} (after {clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Contains("no worker is left", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    private sealed class Progress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
