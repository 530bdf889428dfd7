using System.Runtime.CompilerServices;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// NEURON's <c>i_membrane_</c> with fast_imem (docs/dev/extracellular.md §8) of every membrane node after a
/// step: the membrane share of the step's linear system — (I + (G + C/dt)·ΔV) scaled by the node's area to
/// nA, outward positive — capacitive, ionic and synaptic currents together, electrode (IClamp) currents
/// left out. Kept as structure of arrays, Current[k·Lanes + cell]. Allocates nothing per step.
/// </summary>
internal sealed class MembraneCurrents
{
    private readonly CableTree _tree;
    private readonly int _lanes;
    private readonly double[] _capacitance, _toNanoamps;

    public MembraneCurrents(CableTree tree, int lanes, double dt)
    {
        _tree = tree;
        _lanes = lanes;
        Current = new double[tree.MembraneCount * lanes];
        _capacitance = new double[tree.MembraneCount];
        _toNanoamps = new double[tree.MembraneCount];
        for (var k = 0; k < tree.MembraneCount; k++)
        {
            var node = tree.MembraneNodes[k];
            // The same C/dt as the solver's diagonal (1e-3 · µF/cm² / ms = S/cm²).
            _capacitance[k] = 1e-3 * tree.Template.Sections[tree.SectionOfNode[node]].Capacitance * (1.0 / dt);
            _toNanoamps[k] = tree.Area[node] * 1e-2;   // mA/cm² · µm² → nA
        }
    }

    /// <summary>nA per membrane node and cell after the last <see cref="Compute"/>.</summary>
    public double[] Current { get; }

    /// <summary>From the step's I and G and the voltage change the solver found (per node, node·Lanes + cell).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute<TV>(MembraneState m, double[] voltageChange) where TV : struct, IVec<TV>
    {
        var lanes = _lanes;
        for (var k = 0; k < _tree.MembraneCount; k++)
        {
            var o = _tree.MembraneNodes[k] * lanes;
            var mo = k * lanes;
            var cap = TV.Create(_capacitance[k]);
            var scale = TV.Create(_toNanoamps[k]);
            for (var c = 0; c < lanes; c += TV.Count)
            {
                var dv = TV.Load(voltageChange, o + c);
                var density = TV.Load(m.I, mo + c) + (TV.Load(m.G, mo + c) + cap) * dv;
                (density * scale).Store(Current, mo + c);
            }
        }
    }
}
