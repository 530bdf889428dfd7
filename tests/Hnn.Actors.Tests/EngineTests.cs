using System.Globalization;
using Akka.TestKit.Xunit2;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Actors.Tests;

/// <summary>
/// The actor engine against the sequential epoch engine and against NEURON: same spikes and
/// dipoles whatever the shard layout or trial concurrency.
/// </summary>
public sealed class EngineTests(ITestOutputHelper output) : TestKit(EngineConfig.Local(2))
{
    private static readonly NetworkSpec Small = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)));

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(1, true)]
    public async Task ActorsGiveTheSequentialEngineResult(int shardsPerType, bool oneCellPerShard)
    {
        var reference = new NetworkTrial(Small, 100.0, 0.025).Run();
        await using var sim = new Simulator(Sys, new SimulatorOptions(shardsPerType, oneCellPerShard));
        var result = await sim.SimulateDipoleAsync(Small, 100.0);
        var trial = result.Trials[0];
        output.WriteLine($"{result.Timings[0].Shards} shards, {result.Timings[0].Epochs} epochs: {trial.SpikeTimes.Length} spikes (sequential {reference.SpikeTimes.Length})");
        SameResult.Assert(reference, trial, output, $"{shardsPerType} per type{(oneCellPerShard ? ", 1 cell per shard" : "")}");
    }

    [Fact]
    public async Task ErpTrialMatchesNeuron()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        await using var sim = new Simulator(Sys, new SimulatorOptions(ShardsPerType: 2));
        var result = await sim.SimulateDipoleAsync(net, 170.0);
        var reference = File.ReadAllLines(TestData.Path("erp_run", "spikes.csv")).Skip(1).Select(l => l.Split(','))
            .Select(p => (Gid: int.Parse(p[1], CultureInfo.InvariantCulture), Step: (long)Math.Round(double.Parse(p[0], CultureInfo.InvariantCulture) / 0.025), Type: p[2])).ToList();
        var trial = result.Trials[0];
        var ours = trial.SpikeGids.Select((g, i) => (Gid: g, Step: (long)Math.Round(trial.SpikeTimes[i] / 0.025), Type: trial.SpikeTypes[i])).ToList();
        var same = ours.Intersect(reference).Count();
        var timing = result.Timings[0];
        output.WriteLine($"ERP 10×10 on actors ({timing.Shards} shards): {ours.Count} spikes vs NEURON {reference.Count}, same gid and step {same}; build {timing.Build.TotalMilliseconds:F0} ms, simulate {timing.Simulate.TotalMilliseconds:F0} ms");
        foreach (var type in reference.Select(r => r.Type).Distinct())
            Assert.Equal(reference.Count(r => r.Type == type), ours.Count(s => s.Type == type));
        Assert.Equal(reference.Count, same);
        Assert.Equal(6801, result.Dipoles[0].Times.Length);
    }

    [Fact]
    public async Task ConcurrentTrialsEqualSequentialTrials()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)));
        await using var one = new Simulator(Sys, new SimulatorOptions(1, MaxConcurrentTrials: 1));
        await using var three = new Simulator(Sys, new SimulatorOptions(2, MaxConcurrentTrials: 3));
        var a = await one.SimulateDipoleAsync(net, 60.0, nTrials: 3);
        var b = await three.SimulateDipoleAsync(net, 60.0, nTrials: 3);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(a.CellResponse.SpikeGids[k], b.CellResponse.SpikeGids[k]);
            Assert.Equal(a.CellResponse.SpikeTimes[k], b.CellResponse.SpikeTimes[k]);
        }
        Assert.NotEqual(a.CellResponse.SpikeTimes[0], a.CellResponse.SpikeTimes[1]); // trials draw different drive events
    }
}
