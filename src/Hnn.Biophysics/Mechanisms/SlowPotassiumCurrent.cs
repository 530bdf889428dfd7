using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// The current km and kca share (docs/dev/mechanisms.md §6, §9): one gate n, gk = tadj·gbar·n in pS/µm²,
/// ik = 1e-4·gk·(v − ek) in mA/cm².
/// </summary>
internal static class SlowPotassiumCurrent
{
    /// <summary>Adds the current density and conductance of membrane node k, lanes at state index s, to i and g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddAt<TV>(double[] gbar, double[] n, int k, int s, TV v, ref TV i, ref TV g) where TV : struct, IVec<TV>
    {
        var gk = TV.Create(1e-4) * (TV.Create(Units.TadjQ10Of23 * gbar[k]) * TV.Load(n, s));
        i = i + gk * (v - TV.Create(Units.EK));
        g = g + gk;
    }
}
