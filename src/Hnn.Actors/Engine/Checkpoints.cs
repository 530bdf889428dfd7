using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// The recovery points of a distributed trial (docs/dev/epoch-protocol.md): every
/// <c>every</c> epochs each shard snapshots its state at the epoch's start; the coordinator
/// keeps the last complete set with the spikes fired before that epoch and how many spikes
/// had been recorded, so that after a worker is lost every shard can go back to it.
/// </summary>
internal sealed class Checkpoints(bool enabled, int every)
{
    /// <summary>The state at the start of <c>Epoch</c> from which a trial can be resumed.</summary>
    public sealed record Checkpoint(int Epoch, SpikeBatch FiredBefore, int RecordedSpikes, PopulationSnapshot[] Shards);

    private Checkpoint? _pending;

    public bool Enabled => enabled;

    /// <summary>The last checkpoint whose every shard snapshot has arrived.</summary>
    public Checkpoint? Last { get; private set; }

    public bool IsDue(int epoch) => enabled && epoch % every == 0;

    /// <summary>Epoch k is about to start with a checkpoint: what the coordinator knows now.</summary>
    public void Begin(int epoch, SpikeBatch firedBefore, int recordedSpikes) =>
        _pending = new Checkpoint(epoch, firedBefore, recordedSpikes, []);

    /// <summary>The shards' snapshots of the pending checkpoint arrived; returns its epoch, or null if none was pending.</summary>
    public int? Complete(IReadOnlyList<PopulationSnapshot?> snapshots)
    {
        if (_pending is not { } p) return null;
        Last = p with { Shards = snapshots.Select(s => s ?? throw new InvalidOperationException("a shard sent no snapshot")).ToArray() };
        _pending = null;
        return p.Epoch;
    }

    /// <summary>A recovery started: a checkpoint half taken is worthless.</summary>
    public void AbandonPending() => _pending = null;
}
