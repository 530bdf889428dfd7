using System.Runtime.CompilerServices;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The current dipole of every cell of a population (docs/dev/dipole.md §2.2): the sum over the
/// tree's links of the axial current (V_parent − V_node)/ri times the link's lever arm ztan,
/// from the voltages after the step. Weights ztan/ri are fixed per template.
/// </summary>
internal sealed class DipoleKernel
{
    private readonly CableTree _tree;
    private readonly int _lanes;
    private readonly double[] _weight;

    public DipoleKernel(CableTree tree, int lanes)
    {
        _tree = tree;
        _lanes = lanes;
        _weight = new double[tree.NodeCount];
        for (var i = 1; i < tree.NodeCount; i++)
            _weight[i] = tree.DipoleZtan[i] / tree.LinkResistance[i];
    }

    /// <summary>Writes each lane's dipole (fA·m) into <paramref name="dipole"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute<TV>(double[] v, double[] dipole) where TV : struct, IVec<TV>
    {
        var lanes = _lanes;
        var parent = _tree.Parent;
        for (var c = 0; c < lanes; c += TV.Count) TV.Zero.Store(dipole, c);
        for (var node = 1; node < _tree.NodeCount; node++)
        {
            var w = _weight[node];
            if (w == 0.0) continue;
            var vw = TV.Create(w);
            int o = node * lanes, po = parent[node] * lanes;
            for (var c = 0; c < lanes; c += TV.Count)
                (TV.Load(dipole, c) + (TV.Load(v, po + c) - TV.Load(v, o + c)) * vw).Store(dipole, c);
        }
    }
}
