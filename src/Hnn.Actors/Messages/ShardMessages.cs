using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Messages;

/// <summary>Coordinator → shard: build your cells and synapses from the network description (<c>Generation</c>: see <see cref="Advance"/>).</summary>
internal sealed record BuildShard(NetworkSpec Network, ShardSpec Shard, TimeGrid Grid, Hnn.Biophysics.Recording.RecordSpec? Record = null, int Generation = 0);

/// <summary>Shard → coordinator: built; these source gids have synapses here (the routing table).</summary>
internal sealed record ShardReady(int Shard, int[] SourceGids, int Generation = 0);

/// <summary>
/// Coordinator → shard: queue these spikes, then integrate epoch <c>Epoch</c> (<c>Steps</c> steps).
/// With <c>Checkpoint</c> the shard first snapshots its state (the state at the epoch's start).
/// <c>Generation</c> counts recoveries; replies of an older generation are ignored.
/// </summary>
internal sealed record Advance(int Epoch, int Steps, SpikeBatch Inbound, bool Checkpoint = false, int Generation = 0);

/// <summary>Shard → coordinator: epoch done; the spikes fired, for dipole cells the summed dipole per step (fA·m), and the checkpoint if asked.</summary>
internal sealed record EpochDone(int Shard, int Epoch, SpikeBatch Fired, double[]? Dipole, PopulationSnapshot? Snapshot = null, int Generation = 0,
    double[]? Traces = null, double[]? Potentials = null);

/// <summary>Coordinator → shard: not needed any more (the trial starts over elsewhere); stop.</summary>
internal sealed record ReleaseShard
{
    public static readonly ReleaseShard Instance = new();
}

/// <summary>Coordinator → shard: go back to a checkpoint (after a worker was lost).</summary>
internal sealed record RestoreShard(int Generation, PopulationSnapshot Snapshot);

/// <summary>Shard → coordinator: restored.</summary>
internal sealed record ShardRestored(int Shard, int Generation);

/// <summary>Shard or drive → coordinator: it threw; the run must end. Shard −1: a drive.</summary>
internal sealed record ShardFailed(int Shard, string ShardName, int Epoch, double Time, string Error);
