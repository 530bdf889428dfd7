namespace Hnn.Biophysics.Batch;

/// <summary>
/// One job of a sweep: a whole experiment with the swept values filled in.
/// </summary>
/// <param name="Id">0..N−1 in expansion order.</param>
/// <param name="Values">Parameter path → the value as compact JSON text ("0.1", "[5,5]", "\"distal\""), in <see cref="Sweep.ParameterPaths"/> order.</param>
/// <param name="ExperimentJson">The job's whole experiment file: canonical (every default explicit) when valid, spike-file globs absolute.</param>
/// <param name="Hash">Lowercase hex SHA-256 of the UTF-8 bytes of <paramref name="ExperimentJson"/>.</param>
/// <param name="Experiment">The parsed experiment when <paramref name="Error"/> is null.</param>
/// <param name="Error">Null, or why this job's experiment is invalid (the experiment reader's or builder's message).</param>
public sealed record SweepJob(int Id, IReadOnlyList<KeyValuePair<string, string>> Values, string ExperimentJson,
    string Hash, Experiment.ExperimentSpec? Experiment, string? Error);
