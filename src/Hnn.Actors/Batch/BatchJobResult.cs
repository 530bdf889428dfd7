using Hnn.Actors.Engine;

namespace Hnn.Actors.Batch;

/// <summary>How a batch job ended.</summary>
public enum BatchJobStatus
{
    /// <summary>Simulated; its summaries are computed.</summary>
    Done,

    /// <summary>Its parameters were invalid or its simulation failed; <see cref="BatchJobResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>
/// One finished job of a batch: its id and parameter values (path → JSON text), its key (a
/// hash of what it ran, by which a resumed batch recognises it), the outcome, its summaries
/// (column → value, in the sweep's order), the whole result when it ran, the wall time of the
/// simulation and the node that ran it.
/// </summary>
public sealed record BatchJobResult(
    int Id,
    string Key,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    BatchJobStatus Status,
    string? Error,
    IReadOnlyList<KeyValuePair<string, double>> Summaries,
    SimulationResult? Result,
    double WallSeconds,
    string Node);

/// <summary>
/// Progress of a batch: jobs done (failed included), failed, running now, in all; time since it
/// started; and how many times a job went back to the queue because its worker was lost.
/// </summary>
public sealed record BatchProgress(int Done, int Failed, int Running, int Total, TimeSpan Elapsed, int Requeued = 0)
{
    /// <summary>Time left at the pace so far; null before the first job is done.</summary>
    public TimeSpan? Eta => Done == 0 ? null : Elapsed * ((double)(Total - Done) / Done);
}
