using System.Diagnostics;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Tests;

/// <summary>A failing, hanging or cancelled run ends promptly with a clear error and no result.</summary>
public sealed class FaultTests() : TestKit(EngineConfig.Local(2))
{
    private static readonly NetworkSpec Net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)));

    private static async Task<Exception> RunWithFault(TestKit kit, int shard, Fault fault, int epoch, TimeSpan timeout)
    {
        await using var sim = new Simulator(kit.Sys, new SimulatorOptions(2, EpochTimeout: timeout)) { ShardProps = FaultyShard.Replace(shard, fault, epoch) };
        return await Assert.ThrowsAnyAsync<Exception>(() => sim.SimulateDipoleAsync(Net, 100.0));
    }

    [Fact]
    public async Task AShardThatThrowsEndsTheRunNamingShardEpochAndTime()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.IsType<SimulationException>(await RunWithFault(this, 3, Fault.Throws, 5, TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(5, e.Epoch);
        Assert.Equal(ShardLayout.Split(Net, 2)[3].Name, e.Shard);
        Assert.Contains("epoch 5 at t = 5 ms", e.Message);
        Assert.Contains("injected fault", e.Message);
    }

    [Fact]
    public async Task AShardThatNeverAnswersTripsTheWatchdog()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.IsType<SimulationException>(await RunWithFault(this, 0, Fault.Hangs, 2, TimeSpan.FromSeconds(1)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Contains("no progress for 1 s (1 shard(s) have not answered)", e.Message);
        Assert.Equal(2, e.Epoch);
    }

    [Fact]
    public async Task AShardThatStopsEndsTheRunNamingIt()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.IsType<SimulationException>(await RunWithFault(this, 1, Fault.Stops, 3, TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(3, e.Epoch);
        Assert.Equal(ShardLayout.Split(Net, 2)[1].Name, e.Shard);
        Assert.Contains("the actor stopped unexpectedly", e.Message);
    }

    [Fact]
    public async Task CancellationStopsPromptly()
    {
        await using var sim = new Simulator(Sys, new SimulatorOptions(2));
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var progress = new SyncProgress(p => { if (p.SimulatedMs > 20) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sim.SimulateDipoleAsync(Net, 5000.0, progress: progress, cancellationToken: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(0, 100.0, 0.025, "Invalid number of simulations: 0")]
    [InlineData(1, -5.0, 0.025, "tstop must be a positive number of ms, got -5")]
    [InlineData(1, 100.0, 0.0, "dt must be positive and at most tstop (100 ms), got 0")]
    public async Task BadArgumentsAreRefusedBeforeAnythingRuns(int trials, double tstop, double dt, string message)
    {
        await using var sim = new Simulator(Sys);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => sim.SimulateDipoleAsync(Net, tstop, dt, trials));
        Assert.Contains(message, e.Message);
    }

    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
