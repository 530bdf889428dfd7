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
            for (var c = 0; c < m.Lanes; c += TV.Count)
                AdvanceAt(table, gates, so + c, TV.Load(m.V, vo + c), negDt);
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
