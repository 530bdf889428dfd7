using Akka.Actor;

namespace Hnn.Actors.Engine;

/// <summary>
/// Where each shard of a trial lives: in this process, or on the live cluster workers in round
/// robin. When a worker is lost its shards are placed again on the survivors.
/// </summary>
internal sealed class ShardPlacement
{
    private readonly List<Address> _live;
    private readonly Address?[] _addressOf; // null: in this process
    private int _next;

    public ShardPlacement(IReadOnlyList<Address>? workers, int shards)
    {
        _live = [.. workers ?? []];
        _addressOf = new Address?[shards];
        IsDistributed = _live.Count > 0;
    }

    public bool IsDistributed { get; }

    public bool HasWorkers => _live.Count > 0;

    /// <summary>The node a shard was placed on; null when it runs here.</summary>
    public Address? AddressOf(int shard) => _addressOf[shard];

    /// <summary>Chooses the shard's node and returns the props deployed there.</summary>
    public Props Place(int shard, Props props)
    {
        if (!IsDistributed) return props;
        var address = _live[_next++ % _live.Count];
        _addressOf[shard] = address;
        return props.WithDeploy(Deploy.None.WithScope(new RemoteScope(address)));
    }

    /// <summary>Forgets a lost worker; returns the shards that lived on it.</summary>
    public int[] Lose(Address worker)
    {
        _live.Remove(worker);
        return Enumerable.Range(0, _addressOf.Length).Where(s => _addressOf[s] == worker).ToArray();
    }
}
