using System.Text.Json;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// One entry of a sweep file's "summaries" array (docs/summaries.md): the results.csv columns it adds
/// and how their values follow from a job's trials.
/// </summary>
public abstract class SummarySpec
{
    /// <summary>The summary's kind as written in the sweep file: "spike_counts", "dipole_peak" or "dipole_rmse".</summary>
    public abstract string Name { get; }

    /// <summary>results.csv column names, for a network with these cell types.</summary>
    public abstract IReadOnlyList<string> Columns(IReadOnlyList<string> cellTypes);

    /// <summary>
    /// The values, in the order of <see cref="Columns"/>; the input is not changed. A spec holds no
    /// mutable state, so several jobs may call this at once.
    /// </summary>
    public abstract IReadOnlyList<double> Compute(SummaryInput input);

    /// <summary>
    /// The entry as normalised JSON (fixed key order, defaults written out, a target file as its
    /// SHA-256), so that equal settings give equal text for job hashes.
    /// </summary>
    public abstract string Canonical { get; }

    /// <summary>
    /// Reads the "summaries" array found at <paramref name="jsonPath"/>; target files are read now, relative to
    /// <paramref name="baseDirectory"/>. Any problem throws <see cref="Experiment.ExperimentFileException"/>.
    /// </summary>
    public static IReadOnlyList<SummarySpec> ParseList(JsonElement summaries, string jsonPath, string baseDirectory) =>
        SummaryListReader.Read(summaries, jsonPath, baseDirectory);
}
