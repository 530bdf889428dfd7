namespace Hnn.Biophysics.Simulation;

/// <summary>
/// Spikes as two parallel arrays (gid, time in ms): the compact form in which spikes travel
/// between shards, drives and the coordinator, one batch per epoch. Immutable by convention:
/// whoever builds a batch never writes to its arrays again.
/// </summary>
internal sealed record SpikeBatch(int[] Gids, double[] Times)
{
    public static readonly SpikeBatch Empty = new([], []);

    public int Count => Gids.Length;

    public static SpikeBatch From(List<(double Time, int Gid)> spikes)
    {
        var gids = new int[spikes.Count];
        var times = new double[spikes.Count];
        for (var i = 0; i < spikes.Count; i++) (times[i], gids[i]) = spikes[i];
        return new SpikeBatch(gids, times);
    }

    /// <summary>The batches one after the other, in the order given.</summary>
    public static SpikeBatch Concat(IReadOnlyList<SpikeBatch> batches)
    {
        var total = 0;
        foreach (var b in batches) total += b.Count;
        if (total == 0) return Empty;
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
}
