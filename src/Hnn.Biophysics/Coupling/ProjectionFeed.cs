using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Coupling;

/// <summary>
/// Turns the spikes a source network fired in one epoch into the spikes of the projection's drive
/// cells in the target network, as NEURON's VecStim would emit them had the whole train been known
/// (docs/dev/coupling.md §2): each next event at t + (t_next − t) from that drive cell's previous
/// event (0 at first), only events up to the end of the run. Fed epoch by epoch in order, it gives
/// bit for bit what <see cref="DriveSpikes"/> gives for the offline replay of the same trains.
/// Used by the sequential <see cref="MultiNetworkTrial"/> and by the engine's projection actor.
/// </summary>
internal sealed class ProjectionFeed
{
    private readonly Dictionary<int, int> _cellOf = [];   // source gid → drive cell index
    private readonly double[] _clock;                    // each drive cell's last emitted event
    private readonly int _firstDriveGid;
    private readonly double _tEnd;
    private readonly List<(double Time, int Gid)> _out = [];
    private readonly List<(double Time, int Gid)> _in = [];

    public ProjectionFeed(Projection projection, MultiNetworkSpec spec, TimeGrid grid)
    {
        Projection = projection;
        for (var i = 0; i < projection.SourceGids.Count; i++) _cellOf[projection.SourceGids[i]] = i;
        _clock = new double[projection.SourceGids.Count];
        _firstDriveGid = spec[projection.To].RangeOf(projection.Name).Start;
        _tEnd = grid.EndTime;
    }

    public Projection Projection { get; }

    /// <summary>The drive spikes that the source spikes <paramref name="fired"/> (one epoch's) cause, sorted by time then gid.</summary>
    public SpikeBatch Map(SpikeBatch fired)
    {
        _in.Clear();
        for (var i = 0; i < fired.Count; i++)
            if (_cellOf.ContainsKey(fired.Gids[i])) _in.Add((fired.Times[i], fired.Gids[i]));
        if (_in.Count == 0) return SpikeBatch.Empty;
        _in.Sort();   // a cell's own spikes in time order, as its VecStim replays them
        _out.Clear();
        foreach (var (time, gid) in _in)
        {
            var cell = _cellOf[gid];
            var t = _clock[cell];
            t += time - t;
            _clock[cell] = t;
            if (t <= _tEnd) _out.Add((t, _firstDriveGid + cell));
        }
        _out.Sort();
        return SpikeBatch.From(_out);
    }
}
