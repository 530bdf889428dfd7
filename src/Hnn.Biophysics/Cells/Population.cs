using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// N cells of one template integrated together with NEURON's fixed-step scheme
/// (docs/dev/numerics.md §4), state stored node-major with the cell index innermost so that every
/// kernel runs over 4 cells at a time. The time loop (<see cref="Step"/>) allocates nothing.
/// </summary>
public sealed class Population
{
    /// <summary>Spike detector threshold on soma(0.5).v (docs/dev/cells.md §8).</summary>
    public const double Threshold = 0.0;

    /// <summary>NEURON adds 1e-10 ms to a detected crossing (docs/dev/numerics.md §5.3).</summary>
    public const double SpikeTimeOffset = 1e-10;

    private readonly MembraneState _m;
    private readonly DensityMechanism[] _mechanisms;
    private readonly Exp2SynBank _synapses;
    private readonly List<IClamp> _clamps = [];
    private readonly double[] _d, _rhs, _capacitance, _dipoleWeight, _dipole;
    private readonly bool[] _armed;
    private readonly int _somaNode;
    private readonly PriorityQueue<SynapticEvent, SynapticEvent> _events = new(SynapticEvent.Order);
    private readonly List<Spike> _spikes = new(64);
    private readonly Dictionary<(string Section, string Receptor), int> _synapseIndex = [];

    public Population(CellTemplate template, int cellCount, double dt)
    {
        if (cellCount < 1) throw new ArgumentOutOfRangeException(nameof(cellCount), cellCount, "a population needs at least one cell");
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be a positive number of ms");
        if (!Avx2.IsSupported || !Fma.IsSupported) throw new PlatformNotSupportedException("the solver needs a CPU with AVX2 and FMA");
        Template = template;
        Tree = new CableTree(template);
        CellCount = cellCount;
        Lanes = (cellCount + Width - 1) / Width * Width;
        Dt = dt;
        var hasCalcium = template.Membranes.Values.Any(mb => mb.HasCalcium);
        _m = new MembraneState(Tree, Lanes, dt, hasCalcium);
        _mechanisms = MechanismFactory.Create(Tree, Lanes);
        _synapses = new Exp2SynBank(template.Synapses, Tree, Lanes, dt);
        for (var s = 0; s < template.Synapses.Count; s++)
            _synapseIndex[(template.Synapses[s].Section, template.Synapses[s].Receptor)] = s;
        _d = new double[Tree.NodeCount * Lanes];
        _rhs = new double[Tree.NodeCount * Lanes];
        _capacitance = new double[Tree.MembraneCount];
        for (var k = 0; k < Tree.MembraneCount; k++)
        {
            var sec = template.Sections[Tree.SectionOfNode[Tree.MembraneNodes[k]]];
            _capacitance[k] = 1e-3 * sec.Capacitance * (1.0 / dt);
        }
        _dipoleWeight = new double[Tree.NodeCount];
        if (template.MeasuresDipole)
            for (var i = 1; i < Tree.NodeCount; i++)
                _dipoleWeight[i] = Tree.DipoleZtan[i] / Tree.LinkResistance[i];
        _dipole = new double[Lanes];
        _armed = new bool[Lanes];
        _somaNode = Tree.NodeAt("soma", 0.5);
        Initialize();
    }

    public CellTemplate Template { get; }
    public CableTree Tree { get; }
    public int CellCount { get; }

    /// <summary>Cell count rounded up to the vector width; extra lanes are unstimulated copies.</summary>
    public int Lanes { get; }

    public double Dt { get; }

    /// <summary>Simulated time, accumulated as NEURON does: two additions of dt/2 per step.</summary>
    public double Time { get; private set; }

    public int StepCount { get; private set; }

    /// <summary>Spikes detected since the last <see cref="DrainSpikes"/>, in detection order.</summary>
    public IReadOnlyList<Spike> PendingSpikes => _spikes;

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
        Array.Fill(_armed, true);
        _events.Clear();
        _spikes.Clear();
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
        (bool[])_armed.Clone(),
        _events.UnorderedItems.Select(e => e.Element).ToArray(),
        _spikes.ToArray());

    /// <summary>Puts the population back into a state taken by <see cref="Snapshot"/> of the same template and size.</summary>
    public void Restore(PopulationSnapshot snapshot)
    {
        var arrays = StateArrays().ToArray();
        if (snapshot.Arrays.Length != arrays.Length || snapshot.Armed.Length != _armed.Length)
            throw new ArgumentException($"snapshot does not fit this population ({Template.Name} × {CellCount})", nameof(snapshot));
        for (var i = 0; i < arrays.Length; i++)
        {
            if (snapshot.Arrays[i].Length != arrays[i].Length)
                throw new ArgumentException($"snapshot array {i} has {snapshot.Arrays[i].Length} values, the population {arrays[i].Length}", nameof(snapshot));
            snapshot.Arrays[i].CopyTo(arrays[i], 0);
        }
        snapshot.Armed.CopyTo(_armed, 0);
        _events.Clear();
        foreach (var e in snapshot.Events) _events.Enqueue(e, e);
        _spikes.Clear();
        _spikes.AddRange(snapshot.PendingSpikes);
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
        _events.Enqueue(e, e);
    }

    /// <summary>Number of steps NEURON's psolve(tstop) takes (docs/dev/numerics.md §4).</summary>
    public static int StepsFor(double tstop, double dt) => (int)Math.Floor(tstop * (1.0 + 1e-11) / dt + 1e-9);

    /// <summary>One fixed step t_n → t_n+1 in NEURON's order (docs/dev/numerics.md §4).</summary>
    public void Step()
    {
        DetectSpikes();
        DeliverEvents(Time + 0.5 * Dt);
        Time += 0.5 * Dt;
        EvaluateCurrents(Time);
        SolveVoltages();
        Time += 0.5 * Dt;
        foreach (var mech in _mechanisms) mech.AdvanceStates(_m);
        _synapses.AdvanceStates();
        if (Template.MeasuresDipole) ComputeDipoles();
        StepCount++;
    }

    /// <summary>Moves the detected spikes into <paramref name="sink"/>.</summary>
    public void DrainSpikes(List<Spike> sink)
    {
        sink.AddRange(_spikes);
        _spikes.Clear();
    }

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

    // Checked once per step on the voltage of the previous step, not interpolated (§5.3).
    private void DetectSpikes()
    {
        var v = _m.V;
        var o = _somaNode * Lanes;
        for (var c = 0; c < CellCount; c++)
        {
            if (v[o + c] > Threshold)
            {
                if (_armed[c])
                {
                    _armed[c] = false;
                    _spikes.Add(new Spike(c, Time + SpikeTimeOffset));
                }
            }
            else _armed[c] = true;
        }
    }

    private void DeliverEvents(double until)
    {
        while (_events.TryPeek(out var e, out _) && e.Time <= until)
        {
            _events.Dequeue();
            _synapses.Receive(e.Target / Lanes, e.Target % Lanes, e.Weight);
        }
    }

    private void EvaluateCurrents(double tMid)
    {
        Array.Clear(_m.I);
        Array.Clear(_m.G);
        foreach (var mech in _mechanisms) mech.AddCurrents(_m);
        _synapses.AddCurrents(_m);
        foreach (var c in _clamps)
            _m.I[c.MembraneIndex * Lanes + c.Lane] -= c.CurrentAt(tMid) * c.AreaScale;
    }

    // Assemble (docs/dev/numerics.md §3), then Hines elimination over the tree, 4 cells at a time.
    private void SolveVoltages()
    {
        var tree = Tree;
        var v = _m.V;
        var d = _d;
        var rhs = _rhs;
        var n = tree.NodeCount;
        var parent = tree.Parent;
        var isMembrane = tree.IsMembrane;

        var k = 0;
        for (var node = 0; node < n; node++)
        {
            var o = node * Lanes;
            var axial = Vector256.Create(tree.AxialDiagonal[node]);
            if (isMembrane[node])
            {
                var cap = Vector256.Create(_capacitance[k]);
                var mo = k * Lanes;
                for (var c = 0; c < Lanes; c += Width)
                {
                    Store(d, o + c, Load(_m.G, mo + c) + cap + axial);
                    Store(rhs, o + c, -Load(_m.I, mo + c));
                }
                k++;
            }
            else
            {
                for (var c = 0; c < Lanes; c += Width)
                {
                    Store(d, o + c, axial);
                    Store(rhs, o + c, Vector256<double>.Zero);
                }
            }
        }

        for (var node = 1; node < n; node++)
        {
            int o = node * Lanes, po = parent[node] * Lanes;
            var a = Vector256.Create(tree.CoefA[node]);
            var b = Vector256.Create(tree.CoefB[node]);
            for (var c = 0; c < Lanes; c += Width)
            {
                var dv = Load(v, po + c) - Load(v, o + c);
                Store(rhs, o + c, Load(rhs, o + c) - b * dv);
                Store(rhs, po + c, Load(rhs, po + c) + a * dv);
            }
        }

        for (var node = n - 1; node >= 1; node--)
        {
            int o = node * Lanes, po = parent[node] * Lanes;
            var a = Vector256.Create(tree.CoefA[node]);
            var b = Vector256.Create(tree.CoefB[node]);
            for (var c = 0; c < Lanes; c += Width)
            {
                var p = a / Load(d, o + c);
                Store(d, po + c, Load(d, po + c) - p * b);
                Store(rhs, po + c, Load(rhs, po + c) - p * Load(rhs, o + c));
            }
        }

        for (var c = 0; c < Lanes; c += Width)
        {
            var dv = Load(rhs, c) / Load(d, c);
            Store(rhs, c, dv);
            Store(v, c, Load(v, c) + dv);
        }
        for (var node = 1; node < n; node++)
        {
            int o = node * Lanes, po = parent[node] * Lanes;
            var b = Vector256.Create(tree.CoefB[node]);
            for (var c = 0; c < Lanes; c += Width)
            {
                var dv = (Load(rhs, o + c) - b * Load(rhs, po + c)) / Load(d, o + c);
                Store(rhs, o + c, dv);
                Store(v, o + c, Load(v, o + c) + dv);
            }
        }
    }

    // Q = Σ over links (V_parent − V_node)/ri · ztan (docs/dev/dipole.md §2.2), from the new voltages.
    private void ComputeDipoles()
    {
        var v = _m.V;
        var parent = Tree.Parent;
        for (var c = 0; c < Lanes; c += Width) Store(_dipole, c, Vector256<double>.Zero);
        for (var node = 1; node < Tree.NodeCount; node++)
        {
            var w = _dipoleWeight[node];
            if (w == 0.0) continue;
            var vw = Vector256.Create(w);
            int o = node * Lanes, po = parent[node] * Lanes;
            for (var c = 0; c < Lanes; c += Width)
                Store(_dipole, c, Load(_dipole, c) + (Load(v, po + c) - Load(v, o + c)) * vw);
        }
    }
}
