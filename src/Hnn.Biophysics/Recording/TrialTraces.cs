using System.Globalization;

namespace Hnn.Biophysics.Recording;

/// <summary>One recorded file of a trial: quantity ("vsec", "isec" or "ca"), cell type and where it is (docs/dev/recordings.md §4).</summary>
public sealed record TraceFile(string Quantity, string CellType, string Path)
{
    /// <summary>The file's name for a quantity, trial and cell type: <c>vsec_0_L5_pyramidal.csv.gz</c>.</summary>
    public static string NameOf(string quantity, int trial, string cellType) =>
        string.Create(CultureInfo.InvariantCulture, $"{quantity}_{trial}_{cellType}.csv.gz");

    /// <summary>
    /// Reads the file: a "time" column, then one column per trace (<c>&lt;gid&gt;_&lt;section&gt;</c> or
    /// <c>&lt;gid&gt;_&lt;synapse&gt;</c>); <paramref name="keep"/> picks columns by name (null: all).
    /// </summary>
    public TraceTable Read(Func<string, bool>? keep = null) => TraceTable.ReadCsv(Path, keep);
}

/// <summary>What one trial recorded (the <c>record</c> of the run): its files, streamed to disk while it ran.</summary>
public sealed record TrialTraces(int Trial, IReadOnlyList<TraceFile> Files)
{
    /// <summary>The file of <paramref name="quantity"/> and <paramref name="cellType"/>; throws naming what was recorded.</summary>
    public TraceFile File(string quantity, string cellType) =>
        Files.FirstOrDefault(f => f.Quantity == quantity && f.CellType == cellType)
        ?? throw new ArgumentException(
            $"trial {Trial} recorded no {quantity} of {cellType}; recorded: {string.Join(", ", Files.Select(f => $"{f.Quantity} of {f.CellType}"))}",
            nameof(quantity));
}
