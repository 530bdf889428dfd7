using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// Cutting the cell types into shards changes nothing: identical spikes, and dipoles equal to
/// 1e-12 of their peak, for 1 shard per type, 4 per type and 1 cell per shard.
/// </summary>
public sealed class ShardDeterminismTests(ITestOutputHelper output)
{
    [Fact]
    public void SpikesAndDipolesDoNotDependOnTheShardLayout()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)));
        const double tstop = 100.0, dt = 0.025;
        var one = new NetworkTrial(net, tstop, dt, 0, ShardLayout.Split(net, 1)).Run();
        var four = new NetworkTrial(net, tstop, dt, 0, ShardLayout.Split(net, 4)).Run();
        var single = new NetworkTrial(net, tstop, dt, 0, ShardLayout.OneCellPerShard(net)).Run();
        output.WriteLine($"3×3 ERP, {tstop} ms: {one.SpikeTimes.Length} spikes ({one.SpikeTypes.Count(t => t.EndsWith("pyramidal", StringComparison.Ordinal))} pyramidal)");
        foreach (var (name, other) in new[] { ("4 per type", four), ("1 cell per shard", single) })
        {
            Assert.Equal(one.SpikeGids, other.SpikeGids);
            Assert.Equal(one.SpikeTimes, other.SpikeTimes);
            foreach (var (type, d) in one.RawDipoles)
            {
                var peak = d.Max(Math.Abs);
                var err = d.Zip(other.RawDipoles[type], (a, b) => Math.Abs(a - b)).Max();
                output.WriteLine($"{name}: {type} dipole max|Δ| = {err:E2} fAm (peak {peak:F1}, relative {err / peak:E2})");
                Assert.True(err <= 1e-12 * peak, $"{name}: {type} dipole differs by {err:E3} (peak {peak})");
            }
        }
        Assert.Contains("L5_pyramidal", one.SpikeTypes); // the comparison covers a firing network
    }
}
