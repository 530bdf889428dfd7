using System.Runtime.CompilerServices;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The implicit voltage update of one step for all cells of a population (docs/dev/numerics.md §3):
/// assembles each node's equation (membrane conductance + C/dt + axial coupling on the
/// diagonal, −I and the axial currents of the start-of-step voltages on the right) and solves
/// the tree by Hines elimination — leaves to root, then root to leaves — a vector of cells at a time.
/// The voltage change is added to V. Allocates nothing after construction.
/// </summary>
internal sealed class HinesSolver
{
    private readonly CableTree _tree;
    private readonly int _lanes;
    private readonly double[] _d, _rhs, _capacitance;

    public HinesSolver(CableTree tree, int lanes, double dt)
    {
        _tree = tree;
        _lanes = lanes;
        _d = new double[tree.NodeCount * lanes];
        _rhs = new double[tree.NodeCount * lanes];
        // C/dt of each membrane node in the units of the node equation (1e-3 · µF/cm² / ms).
        _capacitance = new double[tree.MembraneCount];
        for (var k = 0; k < tree.MembraneCount; k++)
        {
            var sec = tree.Template.Sections[tree.SectionOfNode[tree.MembraneNodes[k]]];
            _capacitance[k] = 1e-3 * sec.Capacitance * (1.0 / dt);
        }
    }

    /// <summary>ΔV of every node (node·Lanes + cell) after <see cref="Solve"/>; overwritten by the next.</summary>
    public double[] VoltageChange => _rhs;

    /// <summary>V += ΔV, where ΔV solves the step's linear system built from m.G, m.I and m.V.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve<TV>(MembraneState m) where TV : struct, IVec<TV>
    {
        Assemble<TV>(m);
        Eliminate<TV>(m.V);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Assemble<TV>(MembraneState m) where TV : struct, IVec<TV>
    {
        var tree = _tree;
        var lanes = _lanes;
        var v = m.V;
        var d = _d;
        var rhs = _rhs;
        var n = tree.NodeCount;
        var parent = tree.Parent;
        var isMembrane = tree.IsMembrane;

        var k = 0;
        for (var node = 0; node < n; node++)
        {
            var o = node * lanes;
            var axial = TV.Create(tree.AxialDiagonal[node]);
            if (isMembrane[node])
            {
                var cap = TV.Create(_capacitance[k]);
                var mo = k * lanes;
                for (var c = 0; c < lanes; c += TV.Count)
                {
                    (TV.Load(m.G, mo + c) + cap + axial).Store(d, o + c);
                    (-TV.Load(m.I, mo + c)).Store(rhs, o + c);
                }
                k++;
            }
            else
            {
                for (var c = 0; c < lanes; c += TV.Count)
                {
                    axial.Store(d, o + c);
                    TV.Zero.Store(rhs, o + c);
                }
            }
        }

        // Axial currents of the start-of-step voltages.
        for (var node = 1; node < n; node++)
        {
            int o = node * lanes, po = parent[node] * lanes;
            var a = TV.Create(tree.CoefA[node]);
            var b = TV.Create(tree.CoefB[node]);
            for (var c = 0; c < lanes; c += TV.Count)
            {
                var dv = TV.Load(v, po + c) - TV.Load(v, o + c);
                (TV.Load(rhs, o + c) - b * dv).Store(rhs, o + c);
                (TV.Load(rhs, po + c) + a * dv).Store(rhs, po + c);
            }
        }
    }

    // Children are numbered after their parents, so one backward and one forward sweep suffice.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Eliminate<TV>(double[] v) where TV : struct, IVec<TV>
    {
        var tree = _tree;
        var lanes = _lanes;
        var d = _d;
        var rhs = _rhs;
        var n = tree.NodeCount;
        var parent = tree.Parent;

        for (var node = n - 1; node >= 1; node--)
        {
            int o = node * lanes, po = parent[node] * lanes;
            var a = TV.Create(tree.CoefA[node]);
            var b = TV.Create(tree.CoefB[node]);
            for (var c = 0; c < lanes; c += TV.Count)
            {
                var p = a / TV.Load(d, o + c);
                (TV.Load(d, po + c) - p * b).Store(d, po + c);
                (TV.Load(rhs, po + c) - p * TV.Load(rhs, o + c)).Store(rhs, po + c);
            }
        }

        for (var c = 0; c < lanes; c += TV.Count)
        {
            var dv = TV.Load(rhs, c) / TV.Load(d, c);
            dv.Store(rhs, c);
            (TV.Load(v, c) + dv).Store(v, c);
        }
        for (var node = 1; node < n; node++)
        {
            int o = node * lanes, po = parent[node] * lanes;
            var b = TV.Create(tree.CoefB[node]);
            for (var c = 0; c < lanes; c += TV.Count)
            {
                var dv = (TV.Load(rhs, o + c) - b * TV.Load(rhs, po + c)) / TV.Load(d, o + c);
                dv.Store(rhs, o + c);
                (TV.Load(v, o + c) + dv).Store(v, o + c);
            }
        }
    }
}
