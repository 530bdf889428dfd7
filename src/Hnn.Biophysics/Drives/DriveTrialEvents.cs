namespace Hnn.Biophysics.Drives;

/// <summary>
/// The event times of one drive in one trial: for each drive cell (by index = gid − first gid) its
/// events, sorted ascending. Every event is a spike of that drive cell (docs/dev/drives.md §1, §7).
/// </summary>
internal sealed record DriveTrialEvents(string Drive, int Trial, int FirstGid, IReadOnlyList<double[]> ByCell)
{
    /// <summary>gid → sorted event times, for every drive cell (empty arrays included).</summary>
    public IReadOnlyDictionary<int, double[]> ByGid =>
        ByCell.Select((times, i) => (gid: FirstGid + i, times)).ToDictionary(p => p.gid, p => p.times);

    public int EventCount => ByCell.Sum(t => t.Length);
}
