using System.Runtime.CompilerServices;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Solver;

/// <summary>A gating state whose x∞ and τ are outputs <c>Inf</c> and <c>Tau</c> of a rate table.</summary>
internal readonly record struct TabulatedGate(double[] State, int Inf, int Tau);

/// <summary>
/// The state update every tabulated channel shares (docs/dev/mechanisms.md §3, §4): look the new
/// voltage up once per vector of cells, then advance each gate by cnexp with the interpolated x∞, τ.
/// </summary>
internal static class GatingUpdate
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Advance<TV>(MembraneState m, RateTable table, TabulatedGate[] gates) where TV : struct, IVec<TV>
    {
        var negDt = TV.Create(-m.Dt);
        for (var k = 0; k < m.MembraneCount; k++)
        {
            int vo = m.VoltageOffset(k), so = k * m.Lanes;
            var c = 0;
            // Two vectors per iteration: independent chains side by side for the out-of-order core.
            for (; c + 2 * TV.Count <= m.Lanes; c += 2 * TV.Count)
                AdvanceAt2(table, gates, so + c, TV.Load(m.V, vo + c), TV.Load(m.V, vo + c + TV.Count), negDt);
            for (; c < m.Lanes; c += TV.Count)
                AdvanceAt(table, gates, so + c, TV.Load(m.V, vo + c), negDt);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdvanceAt2<TV>(RateTable table, TabulatedGate[] gates, int s, TV v0, TV v1, TV negDt) where TV : struct, IVec<TV>
    {
        var a = Locate(table, v0);
        var b = Locate(table, v1);
        var s1 = s + TV.Count;
        foreach (var g in gates)
        {
            var x0 = Cnexp(TV.Load(g.State, s), Interpolate(table, in a, g.Inf), Interpolate(table, in a, g.Tau), negDt);
            var x1 = Cnexp(TV.Load(g.State, s1), Interpolate(table, in b, g.Inf), Interpolate(table, in b, g.Tau), negDt);
            x0.Store(g.State, s);
            x1.Store(g.State, s1);
        }
    }

    /// <summary>One lookup at v, then every gate's cnexp step at state index s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AdvanceAt<TV>(RateTable table, TabulatedGate[] gates, int s, TV v, TV negDt) where TV : struct, IVec<TV>
    {
        var at = Locate(table, v);
        foreach (var g in gates)
            Cnexp(TV.Load(g.State, s), Interpolate(table, in at, g.Inf), Interpolate(table, in at, g.Tau), negDt).Store(g.State, s);
    }
}
