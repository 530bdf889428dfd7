namespace Hnn.Biophysics.Simulation;

/// <summary>
/// Spike routing (docs/dev/epoch-protocol.md): each shard says which source gids have synapses on
/// it, and receives only those spikes. The one routing implementation of both engines.
/// </summary>
internal sealed class SpikeRouter
{
    private readonly bool[]?[] _sources; // per shard: gid → has a synapse there
    private readonly int _totalGids;

    public SpikeRouter(int totalGids, int shards)
    {
        _totalGids = totalGids;
        _sources = new bool[]?[shards];
    }

    /// <summary>Shards whose sources are known.</summary>
    public int KnownShards { get; private set; }

    public bool IsComplete => KnownShards == _sources.Length;

    /// <summary>Records a shard's sources; a second report of the same shard (a re-placed shard) changes nothing.</summary>
    public void Learn(int shard, IEnumerable<int> sourceGids)
    {
        if (_sources[shard] is not null) return;
        var wanted = new bool[_totalGids];
        foreach (var gid in sourceGids) wanted[gid] = true;
        _sources[shard] = wanted;
        KnownShards++;
    }

    /// <summary>The spikes of <paramref name="inbound"/> that reach <paramref name="shard"/>, in their order.</summary>
    public SpikeBatch For(int shard, SpikeBatch inbound)
    {
        var wanted = _sources[shard] ?? throw new InvalidOperationException($"shard {shard} has not reported its sources");
        var n = 0;
        for (var i = 0; i < inbound.Count; i++)
            if (Wants(wanted, inbound.Gids[i])) n++;
        if (n == inbound.Count) return inbound;
        if (n == 0) return SpikeBatch.Empty;
        var gids = new int[n];
        var times = new double[n];
        for (int i = 0, k = 0; i < inbound.Count; i++)
            if (Wants(wanted, inbound.Gids[i]))
            {
                gids[k] = inbound.Gids[i];
                times[k++] = inbound.Times[i];
            }
        return new SpikeBatch(gids, times);
    }

    private static bool Wants(bool[] wanted, int gid) => (uint)gid < (uint)wanted.Length && wanted[gid];
}
