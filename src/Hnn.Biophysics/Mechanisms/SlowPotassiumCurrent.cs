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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add<TV>(MembraneState m, double[] gbar, double[] n) where TV : struct, IVec<TV>
    {
        var ek = TV.Create(Units.EK);
        var scale = TV.Create(1e-4);
        for (var k = 0; k < m.MembraneCount; k++)
        {
            var tadjGbar = TV.Create(Units.TadjQ10Of23 * gbar[k]);
            int vo = m.VoltageOffset(k), so = k * m.Lanes;
            for (var c = 0; c < m.Lanes; c += TV.Count)
            {
                var g = scale * (tadjGbar * TV.Load(n, so + c));
                (TV.Load(m.I, so + c) + g * (TV.Load(m.V, vo + c) - ek)).Store(m.I, so + c);
                (TV.Load(m.G, so + c) + g).Store(m.G, so + c);
            }
        }
    }
}
