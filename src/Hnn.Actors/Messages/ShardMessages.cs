using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Messages;

/// <summary>Coordinator → shard: build your cells and synapses from the network description.</summary>
public sealed record BuildShard(NetworkSpec Network, ShardSpec Shard, double Tstop, double Dt, FaultInjection? Fault = null);

/// <summary>Shard → coordinator: built; these source gids have synapses here (the routing table).</summary>
public sealed record ShardReady(int Shard, int[] SourceGids);

/// <summary>
/// Coordinator → shard: queue these spikes, then integrate epoch <c>Epoch</c> (<c>Steps</c> steps).
/// With <c>Checkpoint</c> the shard first snapshots its state (the state at the epoch's start).
/// <c>Generation</c> counts recoveries; replies of an older generation are ignored.
/// </summary>
public sealed record Advance(int Epoch, int Steps, SpikeBatch Inbound, bool Checkpoint = false, int Generation = 0);

/// <summary>Shard → coordinator: epoch done; the spikes fired, for dipole cells the summed dipole per step (fA·m), and the checkpoint if asked.</summary>
public sealed record EpochDone(int Shard, int Epoch, SpikeBatch Fired, double[]? Dipole, PopulationSnapshot? Snapshot = null, int Generation = 0);

/// <summary>Coordinator → shard: go back to a checkpoint (after a worker was lost).</summary>
public sealed record RestoreShard(int Generation, PopulationSnapshot Snapshot);

/// <summary>Shard → coordinator: restored.</summary>
public sealed record ShardRestored(int Shard, int Generation);

/// <summary>Shard → coordinator: the shard threw; the run must end.</summary>
public sealed record ShardFailed(int Shard, string ShardName, int Epoch, double Time, string Error);

/// <summary>Test hook: make shard <c>Shard</c> throw when it starts epoch <c>Epoch</c> (or hang, to test the watchdog).</summary>
public sealed record FaultInjection(int Shard, int Epoch, bool Hang = false);
