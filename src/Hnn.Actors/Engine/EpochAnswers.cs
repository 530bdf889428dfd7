using Hnn.Actors.Messages;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>The shards' replies to the running epoch, by shard index; complete when all have answered.</summary>
internal sealed class EpochAnswers(int shards)
{
    private readonly bool[] _answered = new bool[shards];

    public SpikeBatch[] Fired { get; } = new SpikeBatch[shards];
    public double[]?[] Dipoles { get; } = new double[]?[shards];
    public PopulationSnapshot?[] Snapshots { get; } = new PopulationSnapshot?[shards];
    public double[]?[] Traces { get; } = new double[]?[shards];
    public double[]?[] Potentials { get; } = new double[]?[shards];
    public int Count { get; private set; }
    public bool IsComplete => Count == shards;

    public void Reset()
    {
        Array.Clear(_answered);
        Count = 0;
    }

    public void Add(EpochDone m)
    {
        if (_answered[m.Shard]) return;
        _answered[m.Shard] = true;
        Fired[m.Shard] = m.Fired;
        Dipoles[m.Shard] = m.Dipole;
        Snapshots[m.Shard] = m.Snapshot;
        Traces[m.Shard] = m.Traces;
        Potentials[m.Shard] = m.Potentials;
        Count++;
    }
}
