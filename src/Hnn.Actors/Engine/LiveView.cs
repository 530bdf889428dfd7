using Hnn.Actors.Messages;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// Builds the <see cref="LiveEpoch"/> of an epoch that just ended, only when a live observer is set:
/// copies of the epoch's spikes and of its per-type dipole sums (shards added in shard order, as
/// the trial's recorder adds them), so the observer never shares arrays the engine reuses.
/// </summary>
internal static class LiveView
{
    public static LiveEpoch Of(RunTrial run, EpochExchange exchange, int epoch, SpikeBatch drives, SpikeBatch fired, IReadOnlyList<double[]?> dipoles)
    {
        var plan = exchange.Plan;
        var first = plan.FirstStep(epoch);
        var steps = plan.StepsIn(epoch);
        var times = plan.Grid.Times.AsSpan(first + 1, steps).ToArray();
        var sums = new Dictionary<string, double[]>();
        for (var s = 0; s < exchange.Layout.Count; s++)
        {
            if (dipoles[s] is not { } d) continue;
            var type = exchange.Layout[s].CellType;
            if (!sums.TryGetValue(type, out var sum)) sums[type] = sum = new double[steps];
            for (var k = 0; k < steps; k++) sum[k] += d[k];
        }
        var spikes = SpikeBatch.Concat([drives, fired]);
        return new LiveEpoch(run.Trial, epoch, plan.EndTime(epoch), [.. spikes.Times], [.. spikes.Gids], times, sums);
    }
}
