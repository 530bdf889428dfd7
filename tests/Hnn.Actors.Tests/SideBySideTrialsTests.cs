using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>
/// Trials of one run side by side by default (docs/dev/performance.md §3): how many, the shards each
/// gets, the same results as one after another, and a progress that only grows.
/// </summary>
public sealed class SideBySideTrialsTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(EngineConfig.Local(2))
{
    [Fact]
    public void ByDefaultAsManyTrialsAsCoresRunAtOnceEachWithItsShareOfTheShards()
    {
        var cores = Environment.ProcessorCount;
        var auto = new SimulatorOptions();
        Assert.Equal(1, auto.ConcurrentTrials(1));
        Assert.Equal(Math.Min(10, cores), auto.ConcurrentTrials(10));
        Assert.Equal(cores, auto.ShardsPerTypeFor(1));
        Assert.Equal(Math.Max(1, cores / Math.Min(10, cores)), auto.ShardsPerTypeFor(10));
        // Given values win; a cluster run keeps one trial at a time, spread over its workers.
        Assert.Equal(3, new SimulatorOptions(MaxConcurrentTrials: 3).ConcurrentTrials(10));
        Assert.Equal(5, new SimulatorOptions(ShardsPerType: 5).ShardsPerTypeFor(10));
        Assert.Equal(1, new SimulatorOptions(Workers: [new Akka.Actor.Address("akka.tcp", "hnn", "h", 1)]).ConcurrentTrials(10));
    }

    [Fact]
    public async Task TheDefaultGivesTheResultsOfTrialsOneAfterAnother()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)));
        await using var sequential = new Simulator(Sys, new SimulatorOptions(ShardsPerType: 2, MaxConcurrentTrials: 1));
        await using var auto = new Simulator(Sys, new SimulatorOptions(MaxConcurrentTrials: null));
        var reports = new List<SimulationProgress>();
        var a = await sequential.SimulateDipoleAsync(net, 40.0, nTrials: 4);
        var b = await auto.SimulateDipoleAsync(net, 40.0, nTrials: 4, progress: new InlineReports(reports));
        var maxDipole = 0.0;
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(a.CellResponse.SpikeGids[k], b.CellResponse.SpikeGids[k]);
            Assert.Equal(a.CellResponse.SpikeTimes[k], b.CellResponse.SpikeTimes[k]);
            maxDipole = Math.Max(maxDipole, a.Dipoles[k][Dipole.Agg].Zip(b.Dipoles[k][Dipole.Agg], (x, y) => Math.Abs(x - y)).Max());
        }
        output.WriteLine($"4 trials, {auto.Options.ConcurrentTrials(4)} side by side ({b.Timings[0].Shards} shards each) vs one after another ({a.Timings[0].Shards} shards): same spikes, dipoles max |Δ| = {maxDipole:G3} nAm (shard sums added in another order)");
        Assert.True(maxDipole <= 1e-12 * a.Dipoles.Max(d => d[Dipole.Agg].Max(Math.Abs)), $"dipoles differ by {maxDipole}");
        Assert.NotEmpty(reports);
        AssertGrows(reports);
        Assert.Equal(4 * 40.0, Done(reports[^1]), 9);
    }

    [Fact]
    public void ProgressOfInterleavedTrialsIsToldAsOneAfterAnother()
    {
        var reports = new List<SimulationProgress>();
        var progress = SideBySideProgress.For(new InlineReports(reports), trials: 3, concurrent: 2)!;
        progress.Report(new SimulationProgress(0, 3, 10, 100));
        progress.Report(new SimulationProgress(1, 3, 30, 100));
        progress.Report(new SimulationProgress(0, 3, 5, 100));      // older than trial 0's last: ignored
        progress.Report(new SimulationProgress(0, 3, 100, 100));
        progress.Report(new SimulationProgress(1, 3, 100, 100));
        progress.Report(new SimulationProgress(2, 3, 100, 100));
        Assert.Equal([10.0, 40.0, 130.0, 200.0, 300.0], reports.Select(Done));
        Assert.Equal(new SimulationProgress(1, 3, 30, 100), reports[2]);
        Assert.Equal(new SimulationProgress(2, 3, 100, 100), reports[^1]);   // never "trial 4 of 3"
        AssertGrows(reports);
        // One at a time, the caller's progress is passed through untouched.
        var inner = new InlineReports(reports);
        Assert.Same(inner, SideBySideProgress.For(inner, trials: 3, concurrent: 1));
    }

    private static double Done(SimulationProgress p) => p.Trial * p.Tstop + p.SimulatedMs;

    private static void AssertGrows(IReadOnlyList<SimulationProgress> reports)
    {
        for (var i = 1; i < reports.Count; i++)
            Assert.True(Done(reports[i]) > Done(reports[i - 1]), $"report {i} ({reports[i]}) is not past report {i - 1} ({reports[i - 1]})");
    }

    // Synchronous, unlike Progress<T>, which posts to the thread pool and may reorder.
    private sealed class InlineReports(List<SimulationProgress> into) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
