using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// The physics of one shard: its cells as a <see cref="Population"/> and its inbound synapse
/// table (source gid → target cell, synapse, weight, delay), built from the network
/// description alone so that a shard built anywhere is identical. Receives spike batches,
/// advances whole epochs, and reports what it fired, its summed dipole per step and, when asked,
/// the traces its cells record (docs/dev/recordings.md §3).
/// </summary>
internal sealed class PopulationShard
{
    private readonly Population _population;
    private readonly ShardRoutes _routes; // by source gid; only the NetCons whose target is in this shard
    private readonly int _firstGid;
    private readonly List<Spike> _fired = new(64);
    private readonly Extracellular.CellGroupPotentials? _potentials;

    public PopulationShard(NetworkSpec net, ShardSpec spec, TimeGrid grid,
        Recording.RecordSpec? record = null)
    {
        if (net.Threshold != Cells.SpikeDetector.Threshold)
            throw new ArgumentException($"threshold {net.Threshold} mV is not supported; the solver detects spikes at {Cells.SpikeDetector.Threshold} mV", nameof(net));
        Spec = spec;
        _population = new Population(net.TemplateOf(spec.CellType), spec.CellCount, grid.Dt);
        _firstGid = net.RangeOf(spec.CellType).Start + spec.FirstCell;
        Probes = Recording.TraceProbes.For(_population.Tree, record ?? Recording.RecordSpec.Nothing);
        if (net.ElectrodeArrays.Count > 0)
        {
            _population.RecordMembraneCurrents();
            var positions = net.CellTypes.First(c => c.Name == spec.CellType).Positions.Skip(spec.FirstCell).Take(spec.CellCount).ToArray();
            _potentials = new Extracellular.CellGroupPotentials(net, _population.Tree, positions);
        }

        _routes = ShardRoutes.Build(net, spec.CellType, _firstGid, spec.CellCount, _population.SynapseIndex, ShardRoutes.Horizon(grid));
        SourceGids = _routes.SourceGids();

        foreach (var bias in net.TonicBiases.Where(b => b.CellType == spec.CellType))
        {
            var end = bias.EndTime(grid.Tstop);
            for (var cell = 0; cell < spec.CellCount; cell++)
                _population.AddCurrentClamp(cell, bias.Section, 0.5, bias.T0, end - bias.T0, bias.Amplitude);
        }
    }

    public ShardSpec Spec { get; }

    /// <summary>The inbound synapse table (its size: docs/dev/performance.md §2).</summary>
    internal ShardRoutes Routes => _routes;

    /// <summary>Gids whose spikes reach this shard (the coordinator's routing table).</summary>
    public int[] SourceGids { get; }

    public bool MeasuresDipole => _population.Template.MeasuresDipole;

    /// <summary>What each cell records; <see cref="TraceWidth"/> values per sample for the shard.</summary>
    internal Recording.TraceProbes Probes { get; }

    public int TraceWidth => Probes.PerCell * Spec.CellCount;

    /// <summary>Electrode contacts of all the network's arrays: values per step of the shard's potentials (0 without arrays).</summary>
    public int ContactCount => _potentials?.ContactCount ?? 0;

    /// <summary>Samples the next <see cref="Advance"/> of <paramref name="steps"/> steps records: one more in the first epoch (t = 0).</summary>
    public int TraceRows(int steps) => StepCount == 0 ? steps + 1 : steps;

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
            _routes.Deliver(batch.Gids[i], batch.Times[i], _population);
    }

    /// <summary>
    /// Integrates <paramref name="steps"/> steps; writes the shard's summed dipole (fA·m) after each
    /// step into <paramref name="dipole"/> (when the type measures it), the recorded samples into
    /// <paramref name="traces"/> (<see cref="TraceRows"/> × <see cref="TraceWidth"/>, row-major; ignored
    /// when nothing is recorded), its cells' extracellular potentials after each step into
    /// <paramref name="potentials"/> (steps × <see cref="ContactCount"/>; ignored without electrode arrays)
    /// and returns the spikes fired.
    /// </summary>
    public SpikeBatch Advance(int steps, Span<double> dipole, Span<double> traces = default, Span<double> potentials = default)
    {
        var contacts = ContactCount;
        var record = TraceWidth > 0;
        var row = 0;
        if (record && StepCount == 0) RecordAfterStep(traces, row++, synapticToo: true);
        for (var k = 0; k < steps; k++)
        {
            if (record) RecordSynapticCurrents(traces, row);
            _population.Step();
            if (MeasuresDipole) dipole[k] = _population.TotalDipole();
            if (record) RecordAfterStep(traces, row++, synapticToo: false);
            _potentials?.Sample(_population.MembraneCurrents!, _population.Lanes, potentials.Slice(k * contacts, contacts));
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

    // A synapse's recorded current at t_n+1 is the one that step's current evaluation used: the pre-step
    // conductance and potential (docs/dev/recordings.md §1); potentials and calcium are the post-step values.
    private void RecordSynapticCurrents(Span<double> traces, int row)
    {
        var width = Probes.PerCell;
        var offset = Probes.Offset(Recording.TraceQuantity.Isec);
        var isec = Probes.Isec;
        for (var c = 0; c < Spec.CellCount; c++)
        {
            var at = row * TraceWidth + c * width + offset;
            for (var p = 0; p < isec.Length; p++) traces[at + p] = _population.SynapticCurrent(c, isec[p].Index);
        }
    }

    private void RecordAfterStep(Span<double> traces, int row, bool synapticToo)
    {
        if (synapticToo) RecordSynapticCurrents(traces, row);
        var width = Probes.PerCell;
        var caOffset = Probes.Offset(Recording.TraceQuantity.Ca);
        for (var c = 0; c < Spec.CellCount; c++)
        {
            var at = row * TraceWidth + c * width;
            var vsec = Probes.Vsec;
            for (var p = 0; p < vsec.Length; p++) traces[at + p] = _population.Voltage(c, vsec[p].Index);
            var ca = Probes.Ca;
            for (var p = 0; p < ca.Length; p++) traces[at + caOffset + p] = _population.CalciumConcentration(c, ca[p].Index);
        }
    }
}
