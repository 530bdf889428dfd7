using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// What <see cref="ISimulator.SimulateDipoleAsync"/> returns, as HNN-core's simulate_dipole:
/// one post-processed dipole per trial (baseline, nAm), the cell response, and the raw trials
/// with their timings.
/// </summary>
public sealed record SimulationResult(
    IReadOnlyList<Dipole> Dipoles,
    CellResponse CellResponse,
    IReadOnlyList<TrialResult> Trials,
    IReadOnlyList<TrialTiming> Timings)
{
    /// <summary>
    /// The simulation length that was asked for (ms), as simulate_dipole's tstop; the last recorded
    /// time (<c>Trials[0].Times[^1]</c>) is the accumulated clock, a few ulp off or a partial step short of it.
    /// </summary>
    public double Tstop { get; init; }

    /// <summary>The outputs simulate_dipole returns, from the raw trials (in trial order).</summary>
    internal static SimulationResult Assemble(Hnn.Biophysics.Network.NetworkSpec network, TimeGrid grid, TrialResult[] trials, TrialTiming[] timings) =>
        new(trials.Select(t => Dipole.FromRaw(t, network.MeshShape)).ToArray(), new CellResponse(trials, trials[0].Times), trials, timings)
        {
            Tstop = grid.Tstop,
        };
}

/// <summary>Wall time of one trial: building the shards, then integrating; the epoch count.</summary>
public sealed record TrialTiming(int Trial, TimeSpan Build, TimeSpan Simulate, int Epochs, int Shards, int Recoveries = 0);

/// <summary>
/// Progress of a run: trial (0-based) of <c>Trials</c>, simulated ms of <c>Tstop</c>. When trials run side by side
/// it is the work done told as if they ran one after another (<see cref="SideBySideProgress"/>).
/// </summary>
public sealed record SimulationProgress(int Trial, int Trials, double SimulatedMs, double Tstop);

/// <summary>How a simulator spreads work.</summary>
/// <param name="ShardsPerType">Shards each cell type is cut into; null = one per core.</param>
/// <param name="OneCellPerShard">Every cell its own shard (for determinism tests).</param>
/// <param name="MaxConcurrentTrials">Trials run at the same time (results do not depend on it); null = as many as there are
/// cores when the run is local (each with its share of the cores' shards), one on a cluster.</param>
/// <param name="EpochTimeout">A trial that makes no progress for this long fails.</param>
/// <param name="Workers">Cluster nodes to place shards on (none: this process).</param>
/// <param name="CheckpointEvery">Epochs between checkpoints of remote shards (recovery points when a worker is lost).</param>
/// <param name="JobsPerNode">Batch jobs run at once on each node (null: one per core of that node).</param>
public sealed record SimulatorOptions(
    int? ShardsPerType = null,
    bool OneCellPerShard = false,
    int? MaxConcurrentTrials = null,
    TimeSpan? EpochTimeout = null,
    IReadOnlyList<Akka.Actor.Address>? Workers = null,
    int CheckpointEvery = 20,
    int? JobsPerNode = null)
{
    public TimeSpan Timeout => EpochTimeout ?? TimeSpan.FromMinutes(2);

    /// <summary>
    /// Receives every epoch of every trial as it ends (<see cref="LiveEpoch"/>), on the coordinator's
    /// thread: it must return at once (post to a channel). Null (the default): nothing is collected.
    /// Called for every single-network trial this simulator runs (a fit's candidates too); not for
    /// coupled runs or batch jobs.
    /// </summary>
    public IProgress<LiveEpoch>? Live { get; init; }

    // Trials of one run side by side keep every core busy through the other trial's barrier waits
    // (docs/dev/performance.md §3); a cluster run spreads one trial's shards over its workers instead.
    internal int ConcurrentTrials(int nTrials) =>
        MaxConcurrentTrials ?? (Workers is { Count: > 0 } ? 1 : Math.Clamp(nTrials, 1, Environment.ProcessorCount));

    // The cores' shards are shared among the trials that run at once.
    internal int ShardsPerTypeFor(int nTrials) =>
        ShardsPerType ?? Math.Max(1, Hnn.Biophysics.Simulation.ShardLayout.DefaultShardsPerType(Environment.ProcessorCount) / ConcurrentTrials(nTrials));
}
