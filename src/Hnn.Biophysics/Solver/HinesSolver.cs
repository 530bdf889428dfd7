using System.Runtime.Intrinsics;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Solver;

/// <summary>
/// The implicit voltage update of one step for all cells of a population (docs/dev/numerics.md §3):
/// assembles each node's equation (membrane conductance + C/dt + axial coupling on the
/// diagonal, −I and the axial currents of the start-of-step voltages on the right) and solves
/// the tree by Hines elimination — leaves to root, then root to leaves — 4 cells at a time.
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
    public void Solve(MembraneState m)
    {
        Assemble(m);
        Eliminate(m.V);
    }

    private void Assemble(MembraneState m)
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
            var axial = Vector256.Create(tree.AxialDiagonal[node]);
            if (isMembrane[node])
            {
                var cap = Vector256.Create(_capacitance[k]);
                var mo = k * lanes;
                for (var c = 0; c < lanes; c += Width)
                {
                    Store(d, o + c, Load(m.G, mo + c) + cap + axial);
                    Store(rhs, o + c, -Load(m.I, mo + c));
                }
                k++;
            }
            else
            {
                for (var c = 0; c < lanes; c += Width)
                {
                    Store(d, o + c, axial);
                    Store(rhs, o + c, Vector256<double>.Zero);
                }
            }
        }

        // Axial currents of the start-of-step voltages.
        for (var node = 1; node < n; node++)
        {
            int o = node * lanes, po = parent[node] * lanes;
            var a = Vector256.Create(tree.CoefA[node]);
            var b = Vector256.Create(tree.CoefB[node]);
            for (var c = 0; c < lanes; c += Width)
            {
                var dv = Load(v, po + c) - Load(v, o + c);
                Store(rhs, o + c, Load(rhs, o + c) - b * dv);
                Store(rhs, po + c, Load(rhs, po + c) + a * dv);
            }
        }
    }

    // Children are numbered after their parents, so one backward and one forward sweep suffice.
    private void Eliminate(double[] v)
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
            var a = Vector256.Create(tree.CoefA[node]);
            var b = Vector256.Create(tree.CoefB[node]);
            for (var c = 0; c < lanes; c += Width)
            {
                var p = a / Load(d, o + c);
                Store(d, po + c, Load(d, po + c) - p * b);
                Store(rhs, po + c, Load(rhs, po + c) - p * Load(rhs, o + c));
            }
        }

        for (var c = 0; c < lanes; c += Width)
        {
            var dv = Load(rhs, c) / Load(d, c);
            Store(rhs, c, dv);
            Store(v, c, Load(v, c) + dv);
        }
        for (var node = 1; node < n; node++)
        {
            int o = node * lanes, po = parent[node] * lanes;
            var b = Vector256.Create(tree.CoefB[node]);
            for (var c = 0; c < lanes; c += Width)
            {
                var dv = (Load(rhs, o + c) - b * Load(rhs, po + c)) / Load(d, o + c);
                Store(rhs, o + c, dv);
                Store(v, o + c, Load(v, o + c) + dv);
            }
        }
    }
}
