using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Recording;

/// <summary>
/// The spikes of every trial as HNN-core's CellResponse holds them (docs/dev/io.md §3): per trial the
/// spike times (ms), gids and types (cell type or drive name), real cells and drive cells
/// together, in time order (ties by gid).
/// </summary>
public sealed class CellResponse
{
    public CellResponse(IReadOnlyList<TrialResult> trials, double[] times)
    {
        SpikeTimes = trials.Select(t => t.SpikeTimes).ToArray();
        SpikeGids = trials.Select(t => t.SpikeGids).ToArray();
        SpikeTypes = trials.Select(t => t.SpikeTypes).ToArray();
        Times = times;
    }

    public IReadOnlyList<double[]> SpikeTimes { get; }
    public IReadOnlyList<int[]> SpikeGids { get; }
    public IReadOnlyList<string[]> SpikeTypes { get; }

    /// <summary>Trial 0's time vector.</summary>
    public double[] Times { get; }

    public int TrialCount => SpikeTimes.Count;

    /// <summary>Sorted unique spike types over all trials.</summary>
    public IReadOnlyList<string> CellTypes => SpikeTypes.SelectMany(t => t).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Spike count of each type in a trial, types in ordinal order.</summary>
    public SortedDictionary<string, int> CountsByType(int trial) =>
        new(SpikeTypes[trial].GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    /// <summary>Trial <paramref name="trial"/> as spike-file lines.</summary>
    public IEnumerable<SpikeFileEntry> Entries(int trial) =>
        SpikeTimes[trial].Select((t, i) => new SpikeFileEntry(t, SpikeGids[trial][i], SpikeTypes[trial][i]));
}
