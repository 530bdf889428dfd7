using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// The memory a run or a network build will take, estimated before it starts so that a request
/// the machine cannot hold is refused with the estimate in the message instead of running out
/// of memory deep inside. The per-item sizes are round figures from measured peak memory
/// (docs/dev/performance.md §2), not exact accounting. Building the Jones network holds about
/// 0.4 bytes per connection pair (50×50: 56 M pairs, 20 MB above the bare process; an all-to-all
/// target list is shared by the sources), a pruned connection 4: 1 byte is allowed. A run holds
/// each shard's route table, 24 bytes per pair at most (fewer when delays exceed tstop: the ERP
/// trial keeps 22 % of its NetCons at 30×30), and the events queued on the way: 32 bytes per pair
/// and trial running at once (measured: peak growth of 6–23 bytes per pair from 10×10 to 50×50).
/// </summary>
internal sealed record ResourceEstimate(double CellStateBytes, double RecordingBytes, double DriveEventBytes, double ConnectionBytes)
{
    /// <summary>Environment variable with a memory limit in MiB; without it, the memory the GC says the process may use.</summary>
    public const string LimitVariable = "HNN_MEMORY_LIMIT_MB";

    private const double BytesPerCompartment = 64 * 8;   // voltages, solver rows, gating states, currents
    internal const double BytesPerPairToBuild = 1;
    internal const double BytesPerPairToRun = 32;
    private const double PairsPerPyramidalSquared = 9.2; // Jones 2009 defaults: 91,025 pairs at 10×10, 22.9 M at 40×40

    public double TotalBytes => CellStateBytes + RecordingBytes + DriveEventBytes + ConnectionBytes;

    /// <summary>Two runs at once (the networks of a coupled run).</summary>
    public static ResourceEstimate operator +(ResourceEstimate a, ResourceEstimate b) =>
        new(a.CellStateBytes + b.CellStateBytes, a.RecordingBytes + b.RecordingBytes, a.DriveEventBytes + b.DriveEventBytes, a.ConnectionBytes + b.ConnectionBytes);

    /// <summary>A simulation of <paramref name="nTrials"/> trials: cell state, recorded samples of every trial, drive events, connections.</summary>
    public static ResourceEstimate ForRun(NetworkSpec net, TimeGrid grid, int nTrials, int concurrentTrials = 1)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(grid);
        double compartments = net.CellTypes.Sum(p => (double)p.Count * p.Template.Sections.Sum(s => s.SegmentCount));
        double samples = grid.StepCount + 1.0;
        // Per trial: the time vector, raw and post-processed dipoles per cell type and their sum.
        var perTrial = samples * 8 * (1 + 2 * (net.CellTypes.Count + 1));
        double events = net.Drives.Sum(d => DriveLimits.EventsPerCell(d, grid.Tstop) * d.NDriveCells);
        double pairs = net.Connections.Sum(c => (double)c.PairCount);
        var concurrent = Math.Max(1, Math.Min(concurrentTrials, nTrials));   // each trial running builds its own shards
        return new ResourceEstimate(
            compartments * BytesPerCompartment * concurrent,
            perTrial * nTrials,
            events * 8 * nTrials,
            pairs * BytesPerPairToRun * concurrent);
    }

    /// <summary>Generating (and holding) every drive event of <paramref name="nTrials"/> trials, as `hnn events` does.</summary>
    public static ResourceEstimate ForEvents(NetworkSpec net, double tstop, int nTrials)
    {
        ArgumentNullException.ThrowIfNull(net);
        double events = net.Drives.Sum(d => DriveLimits.EventsPerCell(d, tstop) * d.NDriveCells);
        double arrays = net.Drives.Sum(d => (double)d.NDriveCells) + 1;   // one array per drive cell and trial, one list per trial
        return new ResourceEstimate(0, 0, (events * 8 + arrays * 32) * nTrials, 0);
    }

    /// <summary>Building a network of this mesh (before building it): the connection pairs of the model's defaults dominate.</summary>
    public static ResourceEstimate ForMesh(int meshX, int meshY, bool defaultConnections)
    {
        var pyramidal = (double)meshX * meshY;
        var pairs = defaultConnections ? PairsPerPyramidalSquared * pyramidal * pyramidal : 0;
        return new ResourceEstimate(4 * pyramidal * 64, 0, 0, pairs * BytesPerPairToBuild);
    }

    /// <summary>The limit: <see cref="LimitVariable"/> (MiB) when set, else the memory available to this process.</summary>
    public static (double Bytes, string Source) MemoryLimit()
    {
        var text = Environment.GetEnvironmentVariable(LimitVariable);
        if (string.IsNullOrWhiteSpace(text))
            return (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, $"the memory available to this process; set {LimitVariable} to change it");
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) || mb < 1)
            throw new ArgumentException($"{LimitVariable} = '{text}' is invalid; allowed: a whole number of MiB >= 1, e.g. 8000");
        return (mb * 1048576.0, LimitVariable);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> with the estimate when it exceeds <see cref="MemoryLimit"/>.</summary>
    public void ThrowIfOverLimit(string what = "the run", string advice = "fewer trials, a smaller network, a larger dt or a shorter tstop")
    {
        var (limit, source) = MemoryLimit();
        if (TotalBytes <= limit) return;
        throw new ArgumentException(
            $"{what} needs about {InputFile.Show(TotalBytes)} of memory (cell state {InputFile.Show(CellStateBytes)}, recordings {InputFile.Show(RecordingBytes)}, " +
            $"drive events {InputFile.Show(DriveEventBytes)}, connections {InputFile.Show(ConnectionBytes)}), more than the limit of {InputFile.Show(limit)} " +
            $"({source}); allowed: {advice}");
    }
}
