using System.Collections.Concurrent;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Xunit.Abstractions;

namespace Hnn.Host.Tests.Serve;

/// <summary>The engine's live hook (SimulatorOptions.Live): what it reports is the run's result, and observing changes nothing.</summary>
[Collection("serve")]
public sealed class LiveEpochTests(ITestOutputHelper output)
{
    private sealed class Collect : IProgress<LiveEpoch>
    {
        public ConcurrentQueue<LiveEpoch> Epochs { get; } = new();
        public void Report(LiveEpoch value) => Epochs.Enqueue(value);
    }

    [Fact]
    public async Task Results_are_identical_with_and_without_an_observer_and_the_epochs_add_up_to_them()
    {
        var spec = ExperimentReader.Parse(ServeExperiments.Small(seed: 3, tstop: 40, nTrials: 2));
        var net = ExperimentBuilder.BuildNetwork(spec);
        var live = new Collect();
        SimulationResult plain, observed;
        await using (var simulator = Simulator.CreateLocal(new SimulatorOptions(ShardsPerType: 2)))
            plain = await simulator.SimulateDipoleAsync(net, spec.TStop, spec.Dt, spec.NTrials);
        await using (var simulator = Simulator.CreateLocal(new SimulatorOptions(ShardsPerType: 2) { Live = live }))
            observed = await simulator.SimulateDipoleAsync(net, spec.TStop, spec.Dt, spec.NTrials);

        for (var trial = 0; trial < spec.NTrials; trial++)
        {
            var (a, b) = (plain.Trials[trial], observed.Trials[trial]);
            Assert.True(a.SpikeTimes.Length > 20, $"trial {trial}: only {a.SpikeTimes.Length} spikes");
            Assert.Equal(a.SpikeGids, b.SpikeGids);
            Assert.Equal(a.SpikeTimes, b.SpikeTimes);
            foreach (var (type, d) in a.RawDipoles) Assert.Equal(d, b.RawDipoles[type]);

            // The epochs' spikes, sorted as the result sorts them, are the result's spikes; their dipole samples are its raw dipole.
            var epochs = live.Epochs.Where(e => e.Trial == trial).OrderBy(e => e.Epoch).ToArray();
            Assert.Equal(Enumerable.Range(0, epochs.Length), epochs.Select(e => e.Epoch));
            var spikes = epochs.SelectMany(e => e.SpikeTimes.Zip(e.SpikeGids)).Order().ToArray();
            Assert.Equal(b.SpikeTimes, spikes.Select(s => s.First));
            Assert.Equal(b.SpikeGids, spikes.Select(s => s.Second));
            Assert.Equal(b.Times[1..], epochs.SelectMany(e => e.Times));
            foreach (var (type, d) in b.RawDipoles)
            {
                var samples = epochs.SelectMany(e => e.RawDipoles[type]).ToArray();
                var worst = d[1..].Zip(samples, (x, y) => Math.Abs(x - y)).Max();
                output.WriteLine($"trial {trial} {type}: {epochs.Length} epochs, {samples.Length} samples, max |live − result| = {worst:E2} fA·m");
                Assert.Equal(d[1..], samples);
            }
            Assert.Equal(spec.TStop, epochs[^1].EndTime, 9);
        }
    }
}
