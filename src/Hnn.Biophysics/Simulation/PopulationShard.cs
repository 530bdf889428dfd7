using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// The physics of one shard: its cells as a <see cref="Population"/> and its inbound synapse
/// table (source gid → target cell, synapse, weight, delay), built from the network
/// description alone so that a shard built anywhere is identical. Receives spike batches,
/// advances whole epochs, and reports what it fired and its summed dipole per step.
/// </summary>
internal sealed class PopulationShard
{
    private readonly Population _population;
    private readonly Route[][] _routes; // by source gid; empty for sources that do not reach us
    private readonly int _firstGid;
    private readonly List<Spike> _fired = new(64);

    private readonly record struct Route(int Cell, int Synapse, double Weight, double Delay);

    public PopulationShard(NetworkSpec net, ShardSpec spec, IReadOnlyList<NetConSpec> netcons, TimeGrid grid)
    {
        if (net.Threshold != Cells.SpikeDetector.Threshold)
            throw new ArgumentException($"threshold {net.Threshold} mV is not supported; the solver detects spikes at {Cells.SpikeDetector.Threshold} mV", nameof(net));
        Spec = spec;
        _population = new Population(net.TemplateOf(spec.CellType), spec.CellCount, grid.Dt);
        _firstGid = net.RangeOf(spec.CellType).Start + spec.FirstCell;

        var routes = new List<Route>?[net.TotalGids];
        foreach (var nc in netcons)
        {
            var cell = nc.TargetGid - _firstGid;
            if ((uint)cell >= (uint)spec.CellCount) continue;
            (routes[nc.SourceGid] ??= []).Add(new Route(cell, _population.SynapseIndex(nc.Section, nc.Receptor), nc.Weight, nc.Delay));
        }
        _routes = routes.Select(r => r?.ToArray() ?? []).ToArray();
        SourceGids = Enumerable.Range(0, _routes.Length).Where(g => _routes[g].Length > 0).ToArray();

        foreach (var bias in net.TonicBiases.Where(b => b.CellType == spec.CellType))
        {
            var end = bias.EndTime(grid.Tstop);
            for (var cell = 0; cell < spec.CellCount; cell++)
                _population.AddCurrentClamp(cell, bias.Section, 0.5, bias.T0, end - bias.T0, bias.Amplitude);
        }
    }

    public ShardSpec Spec { get; }

    /// <summary>Gids whose spikes reach this shard (the coordinator's routing table).</summary>
    public int[] SourceGids { get; }

    public bool MeasuresDipole => _population.Template.MeasuresDipole;
    public double Time => _population.Time;
    public int StepCount => _population.StepCount;

    /// <summary>The shard's state at an epoch boundary (a checkpoint); its wiring is rebuilt from the spec.</summary>
    public Cells.PopulationSnapshot Snapshot() => _population.Snapshot();

    /// <summary>Continues from a checkpoint of a shard with the same <see cref="ShardSpec"/>.</summary>
    public void Restore(Cells.PopulationSnapshot snapshot) => _population.Restore(snapshot);

    /// <summary>Queues every synaptic event a batch of source spikes causes here.</summary>
    public void Receive(SpikeBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var gid = batch.Gids[i];
            if ((uint)gid >= (uint)_routes.Length) continue;
            foreach (var r in _routes[gid])
                _population.Schedule(batch.Times[i] + r.Delay, r.Cell, r.Synapse, r.Weight);
        }
    }

    /// <summary>
    /// Integrates <paramref name="steps"/> steps; writes the shard's summed dipole (fA·m) after each
    /// step into <paramref name="dipole"/> (when the type measures it) and returns the spikes fired.
    /// </summary>
    public SpikeBatch Advance(int steps, Span<double> dipole)
    {
        for (var k = 0; k < steps; k++)
        {
            _population.Step();
            if (MeasuresDipole) dipole[k] = _population.TotalDipole();
        }
        _fired.Clear();
        _population.DrainSpikes(_fired);
        if (_fired.Count == 0) return SpikeBatch.Empty;
        var gids = new int[_fired.Count];
        var times = new double[_fired.Count];
        for (var i = 0; i < _fired.Count; i++)
        {
            gids[i] = _firstGid + _fired[i].Cell;
            times[i] = _fired[i].Time;
        }
        return new SpikeBatch(gids, times);
    }
}
