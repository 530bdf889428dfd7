using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Coupling;

/// <summary>
/// One trial of coupled networks on the calling thread (docs/dev/coupling.md §3): every network
/// runs epoch k with the epoch plan they share, then each projection turns what its source network
/// fired in k into drive spikes of its target for epoch k+1. The sequential reference the actor
/// engine's coupled runs must reproduce, for any shard layout and any order of the networks.
/// </summary>
public sealed class MultiNetworkTrial
{
    private readonly MultiNetworkSpec _spec;
    private readonly NetworkTrial[] _trials;
    private readonly EpochPlan _plan;
    private readonly TimeGrid _grid;

    /// <param name="layouts">Shard layout per network name (missing: one shard per cell type).</param>
    public MultiNetworkTrial(MultiNetworkSpec spec, TimeGrid grid, int trial = 0, IReadOnlyDictionary<string, IReadOnlyList<ShardSpec>>? layouts = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Names.Count == 0) throw new ArgumentException("a coupled run needs at least one network", nameof(spec));
        _spec = spec;
        _grid = grid;
        _plan = CoupledEpochPlan.For(spec, NetConResolver.MinDelays, grid);
        _trials = spec.Names.Select((name, n) => new NetworkTrial(spec.Networks[n], grid, trial,
            layouts is not null && layouts.TryGetValue(name, out var l) ? l : null, null, _plan)).ToArray();
    }

    /// <summary>Integrates the trial; returns each network's result, in the spec's order.</summary>
    public IReadOnlyList<TrialResult> Run(CancellationToken cancel = default)
    {
        var epochs = _trials.Select(t => t.Start()).ToArray();
        try
        {
            var feeds = _spec.Projections.Select(p => (Feed: new ProjectionFeed(p, _spec, _grid), From: _spec.IndexOf(p.From, "from"),
                To: _spec.IndexOf(p.To, "to"), Drive: _spec[p.To].Drives.ToList().FindIndex(d => d.Name == p.Name))).ToArray();
            // Live drive spikes per target network, in the target's drive order (projections were added as its drives in that order).
            var live = new List<(int Drive, SpikeBatch Spikes)>[_trials.Length];
            for (var n = 0; n < live.Length; n++) live[n] = [];
            var fired = new SpikeBatch[_trials.Length];
            for (var epoch = 0; epoch < _plan.EpochCount; epoch++)
            {
                cancel.ThrowIfCancellationRequested();
                for (var n = 0; n < _trials.Length; n++)
                    fired[n] = epochs[n].Run(epoch, SpikeBatch.Concat(live[n].OrderBy(l => l.Drive).Select(l => l.Spikes).ToArray()));
                foreach (var l in live) l.Clear();
                foreach (var (feed, from, to, drive) in feeds) live[to].Add((drive, feed.Map(fired[from])));
            }
            return epochs.Select(e => e.Finish()).ToArray();
        }
        finally
        {
            foreach (var e in epochs) e.Dispose();
        }
    }
}
