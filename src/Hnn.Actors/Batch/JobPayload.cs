using Hnn.Biophysics.Network;

namespace Hnn.Actors.Batch;

/// <summary>What an executor needs to run one job; crosses the wire to cluster workers.</summary>
internal abstract record JobPayload;

/// <summary>
/// A job as an experiment file's text: the executor reads and builds it itself, so building is
/// spread over the executors too, and the job is exactly what `hnn simulate` would run.
/// </summary>
internal sealed record ExperimentPayload(string ExperimentJson, string BaseDirectory) : JobPayload;

/// <summary>A job as a network built by the caller (the set_params overload).</summary>
internal sealed record NetworkPayload(NetworkSpec Network, double TStop, double Dt, int NTrials) : JobPayload;
