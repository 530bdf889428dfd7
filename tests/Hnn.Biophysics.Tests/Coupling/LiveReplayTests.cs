using System.Diagnostics;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Coupling;

/// <summary>
/// A live projection is exactly the offline replay of the same spikes (docs/dev/coupling.md §2): B's spikes
/// and dipoles from the coupled run equal those of simulating A, then replaying A's full-precision spike
/// times into B through add_spike_train_drive with the same arguments.
/// </summary>
public sealed class LiveReplayTests(ITestOutputHelper output)
{
    private static readonly MeshShape Mesh = new(5, 5);
    private const double Tstop = 100.0, Mu = 30.0;

    [Fact]
    public void OneWayLiveCouplingIsTheOfflineReplay()
    {
        var grid = TimeGrid.Create(Tstop, 0.025);
        var spec = CoupledNetworks.OneWay(Mesh, Mu);
        var clock = Stopwatch.StartNew();
        var live = new MultiNetworkTrial(spec, grid).Run();
        var liveTime = clock.Elapsed;
        var a = new NetworkTrial(spec["A"], grid).Run();
        AssertSame(a, live[0], "A alone vs A coupled");

        var offline = new NetworkTrial(CoupledNetworks.OfflineB(Mesh, spec["A"], a.SpikeTimes, a.SpikeGids), grid).Run();
        var pyramidal = a.SpikeTypes.Count(t => CoupledNetworks.Pyramidal.Contains(t));
        output.WriteLine($"A fired {pyramidal} pyramidal spikes; B: live {live[1].SpikeTimes.Length} spikes, offline {offline.SpikeTimes.Length}; coupled run {liveTime.TotalSeconds:F1} s");
        Assert.True(pyramidal > 0 && live[1].SpikeTypes.Count(t => t == "A_to_B") == pyramidal, "every pyramidal spike of A is a drive spike of B");
        Assert.True(live[1].SpikeTypes.Any(t => t == "L5_pyramidal"), "B responds");
        AssertSame(offline, live[1], "B live vs offline replay");

        // What HNN-core's spike files do: times rounded to 3 decimals.
        var rounded = new NetworkTrial(CoupledNetworks.OfflineB(Mesh, spec["A"], a.SpikeTimes, a.SpikeGids, t => Math.Round(t, 3)), grid).Run();
        var bLive = live[1].SpikeGids.Zip(live[1].SpikeTimes).Where(s => s.First < spec["B"].CellCount).ToHashSet();
        var bRound = rounded.SpikeGids.Zip(rounded.SpikeTimes).Where(s => s.First < spec["B"].CellCount).ToHashSet();
        output.WriteLine($"replaying 3-decimal times instead: B cell spikes {bRound.Count} vs {bLive.Count}, {bRound.Except(bLive).Count()} differ in time or gid; " +
                         $"L5 dipole NRMSE {Nrmse(live[1].RawDipoles["L5_pyramidal"], rounded.RawDipoles["L5_pyramidal"]):E2}");
    }

    private static double Nrmse(double[] a, double[] b)
    {
        var peak = a.Max(Math.Abs);
        return Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Average()) / peak;
    }

    private void AssertSame(TrialResult expected, TrialResult actual, string what)
    {
        Assert.Equal(expected.SpikeGids, actual.SpikeGids);
        Assert.Equal(expected.SpikeTimes, actual.SpikeTimes);
        foreach (var (type, d) in expected.RawDipoles)
        {
            var err = d.Zip(actual.RawDipoles[type], (x, y) => Math.Abs(x - y)).Max();
            output.WriteLine($"{what}: {expected.SpikeTimes.Length} spikes identical; {type} dipole max|Δ| = {err:E2} fAm");
            Assert.Equal(0.0, err);
        }
    }
}
