using System.Runtime.CompilerServices;
using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Simulation;
using Hnn.Biophysics.Solver;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// N cells of one template integrated together with NEURON's fixed-step scheme
/// (docs/dev/numerics.md §4), state stored node-major with the cell index innermost so that every
/// kernel runs over a vector of cells at a time (2, 4 or 8 doubles: the <see cref="SimdPath"/>). The time loop (<see cref="Step"/>) allocates nothing.
/// </summary>
internal sealed class Population
{
    private readonly MembraneState _m;
    private readonly DensityMechanism[] _mechanisms;
    private readonly FusedMechanisms _fused;
    private readonly Exp2SynBank _synapses;
    private readonly HinesSolver _solver;
    private readonly DipoleKernel? _dipoleKernel;
    private readonly SpikeDetector _detector;
    private readonly EventQueue _events;
    private readonly List<IClamp> _clamps = [];
    private readonly double[] _dipole;
    private readonly Dictionary<(string Section, string Receptor), int> _synapseIndex = [];

    /// <param name="dt">The step (ms), already validated by <see cref="TimeGrid.Create"/>.</param>
    /// <param name="path">The kernels' width; default <see cref="SimdPaths.Default"/> (HNN_SIMD or the CPU's widest). Tests pick one per population.</param>
    public Population(CellTemplate template, int cellCount, double dt, SimdPath? path = null)
    {
        if (cellCount < 1) throw new ArgumentOutOfRangeException(nameof(cellCount), cellCount, "a population needs at least one cell");
        Path = path ?? SimdPaths.Default;
        SimdPaths.Require(Path, $"kernel path {Path.Name()}");
        Template = template;
        Tree = new CableTree(template);
        CellCount = cellCount;
        var width = Path.Width();
        Lanes = (cellCount + width - 1) / width * width;
        Dt = dt;
        var hasCalcium = MechanismFactory.HasCalcium(template);
        _m = new MembraneState(Tree, Lanes, dt, hasCalcium, Path);
        _mechanisms = MechanismFactory.Create(Tree, Lanes);
        _fused = new FusedMechanisms(_mechanisms);
        _synapses = new Exp2SynBank(template.Synapses, Tree, Lanes, dt);
        for (var s = 0; s < template.Synapses.Count; s++)
            _synapseIndex[(template.Synapses[s].Section, template.Synapses[s].Receptor)] = s;
        _solver = new HinesSolver(Tree, Lanes, dt);
        _dipoleKernel = template.MeasuresDipole ? new DipoleKernel(Tree, Lanes) : null;
        _dipole = new double[Lanes];
        _detector = new SpikeDetector(Tree.NodeAt("soma", 0.5) * Lanes, cellCount, Lanes);
        _events = new EventQueue(Lanes);
        Initialize();
    }

    public CellTemplate Template { get; }

    /// <summary>The SIMD width the kernels of this population run at.</summary>
    public SimdPath Path { get; }
    public CableTree Tree { get; }
    public int CellCount { get; }

    /// <summary>Cell count rounded up to the vector width; extra lanes are unstimulated copies.</summary>
    public int Lanes { get; }

    public double Dt { get; }

    /// <summary>Simulated time, accumulated as NEURON does: two additions of dt/2 per step.</summary>
    public double Time { get; private set; }

    public int StepCount { get; private set; }

    /// <summary>Spikes detected since the last <see cref="DrainSpikes"/>, in detection order.</summary>
    public IReadOnlyList<Spike> PendingSpikes => _detector.Pending;

    /// <summary>NEURON's finitialize (docs/dev/numerics.md §6): v0 per section, INITIAL blocks, t = 0.</summary>
    public void Initialize()
    {
        var v = _m.V;
        for (var node = 0; node < Tree.NodeCount; node++)
        {
            var v0 = Template.Sections[Tree.SectionOfNode[node]].InitialVoltage;
            Array.Fill(v, v0, node * Lanes, Lanes);
        }
        foreach (var mech in _mechanisms) mech.Initialize(_m);
        _synapses.Initialize();
        Array.Clear(_dipole);
        _detector.Reset();
        _events.Clear();
        Time = 0.0;
        StepCount = 0;
    }

    /// <summary>
    /// Everything that evolves in time, copied: voltages, gates, calcium, synaptic states, spike
    /// detectors, pending events and the clock. <see cref="Restore"/> continues exactly from it.
    /// </summary>
    public PopulationSnapshot Snapshot() => new(
        Time, StepCount,
        StateArrays().Select(a => (double[])a.Clone()).ToArray(),
        (bool[])_detector.Armed.Clone(),
        _events.ToArray(),
        _detector.Pending.ToArray());

    /// <summary>Puts the population back into a state taken by <see cref="Snapshot"/> of the same template and size.</summary>
    public void Restore(PopulationSnapshot snapshot)
    {
        var arrays = StateArrays().ToArray();
        if (snapshot.Arrays.Length != arrays.Length || snapshot.Armed.Length != _detector.Armed.Length)
            throw new ArgumentException($"snapshot does not fit this population ({Template.Name} × {CellCount})", nameof(snapshot));
        for (var i = 0; i < arrays.Length; i++)
        {
            if (snapshot.Arrays[i].Length != arrays[i].Length)
                throw new ArgumentException($"snapshot array {i} has {snapshot.Arrays[i].Length} values, the population {arrays[i].Length}", nameof(snapshot));
            snapshot.Arrays[i].CopyTo(arrays[i], 0);
        }
        _detector.Restore(snapshot.Armed, snapshot.PendingSpikes);
        _events.Restore(snapshot.Events);
        Time = snapshot.Time;
        StepCount = snapshot.StepCount;
    }

    private IEnumerable<double[]> StateArrays()
    {
        yield return _m.V;
        if (_m.Cai is { } cai) yield return cai;
        foreach (var mech in _mechanisms)
        foreach (var a in mech.States)
            yield return a;
        yield return _synapses.A;
        yield return _synapses.B;
        yield return _dipole;
    }

    /// <summary>Adds an IClamp at x of a section of one cell.</summary>
    public void AddCurrentClamp(int cell, string section, double x, double delay, double duration, double amplitude)
    {
        CheckCell(cell);
        var node = Tree.NodeAt(section, x);
        _clamps.Add(new IClamp(cell, Tree.MembraneIndex(node), delay, duration, amplitude, 1e2 / Tree.Area[node]));
    }

    /// <summary>Index of the template synapse "{section}_{receptor}"; throws naming the receptors there.</summary>
    public int SynapseIndex(string section, string receptor)
    {
        if (_synapseIndex.TryGetValue((section, receptor), out var s)) return s;
        Template.Synapse(section, receptor); // throws with the allowed sections or receptors
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Queues a NetCon delivery of <paramref name="weight"/> µS at <paramref name="time"/> (ms)
    /// onto synapse <paramref name="synapse"/> of <paramref name="cell"/>. It takes effect at
    /// the step boundary nearest the time (docs/dev/numerics.md §5.1).
    /// </summary>
    public void Schedule(double time, int cell, int synapse, double weight)
    {
        CheckCell(cell);
        if ((uint)synapse >= (uint)Template.Synapses.Count)
            throw new ArgumentOutOfRangeException(nameof(synapse), synapse, $"synapse index must be in [0, {Template.Synapses.Count})");
        var e = new SynapticEvent(time, synapse * Lanes + cell, weight);
        _events.Enqueue(e);
    }

    /// <summary>One fixed step t_n → t_n+1 in NEURON's order (docs/dev/numerics.md §4).</summary>
    public void Step()
    {
        switch (Path)
        {
            case SimdPath.Avx512: Step<V512>(); break;
            case SimdPath.Avx2: Step<V256>(); break;
            default: Step<V128>(); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step<TV>() where TV : struct, IVec<TV>
    {
        _detector.Detect(_m.V, Time);
        var mid = TimeGrid.HalfStep(Time, Dt);
        _events.DeliverUntil(mid, _synapses);
        Time = mid;
        EvaluateCurrents<TV>(Time);
        _solver.Solve<TV>(_m);
        if (_membraneCurrents is { } imem)
        {
            imem.Compute<TV>(_m, _solver.VoltageChange);
            // NEURON leaves electrode currents out of i_membrane_; I holds the clamps' share, so add it back.
            foreach (var c in _clamps) imem.Current[c.MembraneIndex * Lanes + c.Lane] += c.CurrentAt(Time);
        }
        Time = TimeGrid.HalfStep(Time, Dt);
        // One pass per mechanism: a single fused state pass outgrows the JIT's inlining budget.
        foreach (var mech in _mechanisms) mech.AdvanceStates<TV>(_m);
        _synapses.AdvanceStates<TV>();
        _dipoleKernel?.Compute<TV>(_m.V, _dipole);
        StepCount++;
    }

    private Solver.MembraneCurrents? _membraneCurrents;

    /// <summary>
    /// From now on every step also computes each membrane node's total membrane current (NEURON's
    /// i_membrane_, nA; <see cref="MembraneCurrent"/>), what extracellular potentials are made of.
    /// </summary>
    public void RecordMembraneCurrents() => _membraneCurrents ??= new Solver.MembraneCurrents(Tree, Lanes, Dt);

    /// <summary>i_membrane_ (nA) of a cell at membrane node k after the last step; needs <see cref="RecordMembraneCurrents"/>.</summary>
    public double MembraneCurrent(int cell, int k) =>
        (_membraneCurrents ?? throw new InvalidOperationException("membrane currents are not recorded; call RecordMembraneCurrents first")).Current[k * Lanes + cell];

    /// <summary>i_membrane_ of all cells, [k·Lanes + cell]; null unless recorded.</summary>
    internal double[]? MembraneCurrents => _membraneCurrents?.Current;

    /// <summary>Moves the detected spikes into <paramref name="sink"/>.</summary>
    public void DrainSpikes(List<Spike> sink) => _detector.Drain(sink);

    /// <summary>Membrane potential (mV) of a cell at a node.</summary>
    public double Voltage(int cell, int node) => _m.V[node * Lanes + cell];

    /// <summary>Membrane potential (mV) at x of a section.</summary>
    public double Voltage(int cell, string section, double x) => Voltage(cell, Tree.NodeAt(section, x));

    /// <summary>Intracellular Ca²⁺ (mM) at a node; the resting cainf where the cell has no calcium.</summary>
    public double CalciumConcentration(int cell, int node) =>
        _m.Cai is { } cai ? cai[Tree.MembraneIndex(node) * Lanes + cell] : Mechanisms.Cad.CaInf;

    /// <summary>Current dipole of each cell after the last step (fA·m); 0 at t = 0 (docs/dev/dipole.md §2.4).</summary>
    public ReadOnlySpan<double> Dipoles => _dipole.AsSpan(0, CellCount);

    /// <summary>Sum of the cells' dipoles (fA·m).</summary>
    public double TotalDipole()
    {
        var sum = 0.0;
        for (var c = 0; c < CellCount; c++) sum += _dipole[c];
        return sum;
    }

    /// <summary>Conductance g = B − A (µS) of a synapse of a cell at this moment.</summary>
    public double SynapticConductance(int cell, int synapse) =>
        _synapses.B[synapse * Lanes + cell] - _synapses.A[synapse * Lanes + cell];

    /// <summary>The synaptic current (nA) the next current evaluation will see: g·(v − e).</summary>
    public double SynapticCurrent(int cell, int synapse)
    {
        var node = Tree.MembraneNodes[_synapses.MembraneIndex(synapse)];
        return SynapticConductance(cell, synapse) * (Voltage(cell, node) - _synapses.Reversal(synapse));
    }

    /// <summary>The current (nA) the clamps of a cell inject at time t.</summary>
    public double ClampCurrent(int cell, double t)
    {
        var sum = 0.0;
        foreach (var c in _clamps)
            if (c.Lane == cell) sum += c.CurrentAt(t);
        return sum;
    }

    private void CheckCell(int cell)
    {
        if ((uint)cell >= (uint)CellCount)
            throw new ArgumentOutOfRangeException(nameof(cell), cell, $"cell index must be in [0, {CellCount})");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EvaluateCurrents<TV>(double tMid) where TV : struct, IVec<TV>
    {
        _fused.Currents<TV>(_m); // sets I and G: no clearing
        _synapses.AddCurrents<TV>(_m);
        foreach (var c in _clamps)
            _m.I[c.MembraneIndex * Lanes + c.Lane] -= c.CurrentAt(tMid) * c.AreaScale;
    }
}
