using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Simulation;
using Hnn.Biophysics.Tests.Coupling;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>
/// Coupled runs on the actor engine (docs/dev/coupling.md): with feedback (A ↔ B) the result is the
/// sequential <see cref="MultiNetworkTrial"/>'s, identical for any shard layout and either order of the
/// networks; a failing network ends the run with its error instead of leaving the other waiting.
/// </summary>
public sealed class CoupledEngineTests(ITestOutputHelper output) : TestKit(EngineConfig.Local(2))
{
    private const double Tstop = 80.0;

    private static readonly Lazy<IReadOnlyList<TrialResult>> Sequential = new(() => new MultiNetworkTrial(CoupledNetworks.Feedback(), TimeGrid.Create(Tstop, 0.025)).Run());

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(3, false, false)]
    [InlineData(2, false, true)]
    [InlineData(1, true, false)]
    public async Task FeedbackGivesTheSequentialResultForAnyLayoutAndOrder(int shardsPerType, bool oneCellPerShard, bool bFirst)
    {
        var reference = Sequential.Value;
        await using var sim = new Simulator(Sys, new SimulatorOptions(shardsPerType, oneCellPerShard));
        var result = await sim.SimulateAsync(CoupledNetworks.Feedback(bFirst), Tstop);
        Assert.Equal(bFirst ? ["B", "A"] : ["A", "B"], result.Names);
        foreach (var (name, n) in new[] { ("A", 0), ("B", 1) })
        {
            var trial = result[name].Trials[0];
            var crossing = trial.SpikeTypes.Count(t => t is "A_to_B" or "B_to_A");
            output.WriteLine($"{name}: {trial.SpikeTimes.Length} spikes ({crossing} arrived from the other network), {result[name].Timings[0].Shards} shards, {result[name].Timings[0].Epochs} epochs");
            Assert.True(crossing > 0, $"spikes should reach {name} from the other network");
            SameResult.Assert(reference[n], trial, output, $"{name}, {shardsPerType} per type{(oneCellPerShard ? ", 1 cell per shard" : "")}{(bFirst ? ", B listed first" : "")}");
        }
    }

    [Fact]
    public async Task TrialsRunSideBySideAndEachIsCoupledToItsOwnPartner()
    {
        var reference = new MultiNetworkTrial(CoupledNetworks.Feedback(), TimeGrid.Create(40.0, 0.025), trial: 1).Run();
        await using var sim = new Simulator(Sys, new SimulatorOptions(ShardsPerType: 1, MaxConcurrentTrials: 2));
        var result = await sim.SimulateAsync(CoupledNetworks.Feedback(), 40.0, nTrials: 2);
        output.WriteLine($"trial 1: A {result["A"].Trials[1].SpikeTimes.Length} spikes, B {result["B"].Trials[1].SpikeTimes.Length}");
        SameResult.Assert(reference[0], result["A"].Trials[1], output, "A, trial 1 of 2");
        SameResult.Assert(reference[1], result["B"].Trials[1], output, "B, trial 1 of 2");
    }

    [Fact]
    public async Task ANetworkThatFailsEndsTheRunAndTheOtherStopsWaiting()
    {
        // The faulty shard is A's L2 pyramidal one (9 cells; B's has 16); B would wait for A's spikes forever.
        Func<ShardSpec, Props> faulty = s => s.CellType == "L2_pyramidal" && s.CellCount == 9
            ? Props.Create(() => new FaultyShard(Fault.Throws, 30)) : PopulationActor.Props();
        await using var sim = new Simulator(Sys, new SimulatorOptions(1, EpochTimeout: TimeSpan.FromMinutes(2))) { ShardProps = faulty };
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<SimulationException>(() => sim.SimulateAsync(CoupledNetworks.Feedback(), Tstop));
        output.WriteLine($"{e.Message} (after {clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Contains("network 'A', trial 0 failed in shard L2_pyramidal", e.Message);
        Assert.Contains("injected fault", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CancellingACoupledRunStopsEveryNetwork()
    {
        await using var sim = new Simulator(Sys, new SimulatorOptions(1));
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var progress = new SyncProgress(p => { if (p.SimulatedMs > 10) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sim.SimulateAsync(CoupledNetworks.Feedback(), 5000.0, progress: progress, cancellationToken: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AProjectionDelayShorterThanDtIsRefusedNamingIt()
    {
        var spec = CoupledNetworks.Feedback().AddProjection("too_fast", "A", ["L5_pyramidal"], "B", "proximal",
            weightsAmpa: new Dictionary<string, double> { ["L5_basket"] = 0.01 }, synapticDelays: 0.01);
        await using var sim = new Simulator(Sys);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => sim.SimulateAsync(spec, Tstop));
        output.WriteLine(e.Message);
        Assert.Contains("projection 'too_fast' is invalid: its shortest delay (0.01 ms) is shorter than dt (0.025 ms)", e.Message);
    }

    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
