namespace Hnn.Biophysics.Simulation;

/// <summary>
/// What every shard receives before an epoch: the spikes cells fired in the previous epoch
/// (their delays reach past its end, EpochPlan) and the drive spikes emitted before the epoch
/// ends (those may act within it, so they must be queued before it runs).
/// </summary>
public static class EpochInbound
{
    /// <summary>Drive spikes strictly before this time belong to an epoch ending at step <paramref name="endStep"/>; the last epoch takes the rest.</summary>
    public static double DriveHorizon(double[] grid, int endStep, int totalSteps) =>
        endStep >= totalSteps ? double.PositiveInfinity : grid[endStep];

    /// <summary>fired ∪ drive spikes [next, first with time ≥ horizon); advances <paramref name="next"/>.</summary>
    public static SpikeBatch Merge(SpikeBatch fired, SpikeBatch drives, ref int next, double horizon)
    {
        var start = next;
        while (next < drives.Count && drives.Times[next] < horizon) next++;
        var n = next - start;
        if (n == 0) return fired;
        var gids = new int[fired.Count + n];
        var times = new double[fired.Count + n];
        fired.Gids.CopyTo(gids, 0);
        fired.Times.CopyTo(times, 0);
        Array.Copy(drives.Gids, start, gids, fired.Count, n);
        Array.Copy(drives.Times, start, times, fired.Count, n);
        return new SpikeBatch(gids, times);
    }

    public static SpikeBatch Concat(IReadOnlyList<SpikeBatch> batches)
    {
        var total = batches.Sum(b => b.Count);
        if (total == 0) return SpikeBatch.Empty;
        var gids = new int[total];
        var times = new double[total];
        var at = 0;
        foreach (var b in batches)
        {
            b.Gids.CopyTo(gids, at);
            b.Times.CopyTo(times, at);
            at += b.Count;
        }
        return new SpikeBatch(gids, times);
    }

    /// <summary>The spikes of <paramref name="batch"/> whose gid is in <paramref name="wanted"/> (a shard's sources).</summary>
    public static SpikeBatch Filter(SpikeBatch batch, Func<int, bool> wanted)
    {
        var keep = new List<int>();
        for (var i = 0; i < batch.Count; i++)
            if (wanted(batch.Gids[i])) keep.Add(i);
        if (keep.Count == batch.Count) return batch;
        return new SpikeBatch(keep.Select(i => batch.Gids[i]).ToArray(), keep.Select(i => batch.Times[i]).ToArray());
    }
}
