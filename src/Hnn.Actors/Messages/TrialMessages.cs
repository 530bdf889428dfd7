using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Messages;

/// <summary>
/// Facade → coordinator: run one trial with this shard layout; report progress (simulated ms)
/// through the callback. <c>Workers</c>: node addresses to place shards on (round robin; none =
/// in this process); <c>CheckpointEvery</c>: epochs between checkpoints when shards are remote;
/// <c>Coupling</c>: set when the network is one of a coupled run's.
/// </summary>
internal sealed record RunTrial(
    NetworkSpec Network, int Trial, TimeGrid Grid, IReadOnlyList<ShardSpec> Layout,
    TimeSpan EpochTimeout, Action<double>? Progress = null,
    IReadOnlyList<Akka.Actor.Address>? Workers = null, int CheckpointEvery = 20, RecordingOptions? Recording = null,
    TrialCoupling? Coupling = null, IProgress<Engine.LiveEpoch>? Live = null);

/// <summary>Coordinator → facade: the trial's result, where its time went, and how many workers were lost and recovered from.</summary>
internal sealed record TrialCompleted(TrialResult Result, TimeSpan BuildTime, TimeSpan SimulateTime, int Epochs, int Recoveries = 0);

/// <summary>Coordinator → facade: the trial failed (a shard threw or stopped, or no progress).</summary>
internal sealed record TrialFailed(string Reason, int? Shard, string? ShardName, int Epoch, double Time);

/// <summary>Facade → coordinator: stop now.</summary>
internal sealed record CancelTrial
{
    public static readonly CancelTrial Instance = new();
}

/// <summary>Coordinator → facade: stopped on request.</summary>
internal sealed record TrialCancelled(int Epoch);
