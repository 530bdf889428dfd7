namespace Hnn.Biophysics.Solver;

/// <summary>
/// The state every mechanism of a population reads or writes, as structure of arrays with
/// the cell index innermost: voltages per node (V[node·Lanes + cell]); membrane current
/// density I (mA/cm²) and its conductance G (S/cm²) per membrane node
/// (I[k·Lanes + cell]); the calcium ion's ica, cai and eca where the cell has calcium.
/// Lanes is the cell count rounded up to the vector width; padding lanes simulate copies of
/// an unstimulated cell and are never reported.
/// </summary>
internal sealed class MembraneState
{
    /// <param name="path">The kernels' width (default: <see cref="SimdPaths.Default"/>); lanes must be a multiple of it.</param>
    public MembraneState(CableTree tree, int lanes, double dt, bool hasCalcium, SimdPath? path = null)
    {
        Path = path ?? SimdPaths.Default;
        SimdPaths.Require(Path, $"kernel path {Path.Name()}");
        if (lanes < 1 || lanes % Path.Width() != 0)
            throw new ArgumentOutOfRangeException(nameof(lanes), lanes, $"lanes must be a positive multiple of the {Path.Name()} width {Path.Width()}");
        Tree = tree;
        Lanes = lanes;
        Dt = dt;
        V = new double[tree.NodeCount * lanes];
        I = new double[tree.MembraneCount * lanes];
        G = new double[tree.MembraneCount * lanes];
        if (hasCalcium)
        {
            Ica = new double[tree.MembraneCount * lanes];
            Cai = new double[tree.MembraneCount * lanes];
            Eca = new double[tree.MembraneCount * lanes];
        }
    }

    public CableTree Tree { get; }
    public SimdPath Path { get; }
    public int Lanes { get; }
    public double Dt { get; }
    public int MembraneCount => Tree.MembraneCount;

    /// <summary>Offset of membrane node k's voltages in <see cref="V"/>.</summary>
    public int VoltageOffset(int k) => Tree.MembraneNodes[k] * Lanes;

    public double[] V { get; }
    public double[] I { get; }
    public double[] G { get; }
    public double[]? Ica { get; }
    public double[]? Cai { get; }
    public double[]? Eca { get; }
}

/// <summary>
/// A density mechanism over all membrane nodes of a population (docs/dev/mechanisms.md), with the
/// three phases NEURON calls: INITIAL, BREAKPOINT (current and conductance at the
/// start-of-step voltage) and the cnexp state update at the new voltage (docs/dev/numerics.md §4).
/// BREAKPOINT is each mechanism's per-vector AddCurrent, which <see cref="Mechanisms.FusedMechanisms"/>
/// calls for all of a template's mechanisms in one pass.
/// </summary>
internal abstract class DensityMechanism
{
    public abstract string Name { get; }
    public abstract void Initialize(MembraneState m);
    public abstract void AdvanceStates<TV>(MembraneState m) where TV : struct, IVec<TV>;

    /// <summary>The state update at the width of m's path.</summary>
    public void AdvanceStates(MembraneState m)
    {
        switch (m.Path)
        {
            case SimdPath.Avx512: AdvanceStates<V512>(m); break;
            case SimdPath.Avx2: AdvanceStates<V256>(m); break;
            default: AdvanceStates<V128>(m); break;
        }
    }

    /// <summary>The state arrays a checkpoint must save (gates; concentrations live in MembraneState).</summary>
    public virtual IEnumerable<double[]> States => [];
}
