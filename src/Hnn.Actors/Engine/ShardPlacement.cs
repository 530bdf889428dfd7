using Akka.Actor;

namespace Hnn.Actors.Engine;

/// <summary>
/// Where each shard of a trial lives: in this process, or on the live cluster workers in round
/// robin (created there by the worker's node host). When a worker is lost its shards are placed
/// again on the survivors; the lost workers are remembered for the error that names them.
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

    /// <summary>Chooses the shard's worker; null when the trial runs in this process.</summary>
    public Address? Place(int shard)
    {
        if (!IsDistributed) return null;
        var address = _live[_next++ % _live.Count];
        _addressOf[shard] = address;
        return address;
    }

    public bool IsLive(Address worker) => _live.Contains(worker);

    /// <summary>Workers lost so far, in the order they were lost.</summary>
    public IReadOnlyList<Address> Lost => _lost;

    private readonly List<Address> _lost = [];

    /// <summary>Forgets a lost worker; returns the shards that lived on it.</summary>
    public int[] Lose(Address worker)
    {
        if (_live.Remove(worker)) _lost.Add(worker);
        return Enumerable.Range(0, _addressOf.Length).Where(s => _addressOf[s] == worker).ToArray();
    }
}
