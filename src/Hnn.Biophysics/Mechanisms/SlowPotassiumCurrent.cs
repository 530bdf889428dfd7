using System.Runtime.Intrinsics;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// The current km and kca share (docs/dev/mechanisms.md §6, §9): one gate n, gk = tadj·gbar·n in pS/µm²,
/// ik = 1e-4·gk·(v − ek) in mA/cm².
/// </summary>
internal static class SlowPotassiumCurrent
{
    public static void Add(MembraneState m, double[] gbar, double[] n)
    {
        var ek = Vector256.Create(Units.EK);
        var scale = Vector256.Create(1e-4);
        for (var k = 0; k < m.MembraneCount; k++)
        {
            var tadjGbar = Vector256.Create(Units.TadjQ10Of23 * gbar[k]);
            int vo = m.VoltageOffset(k), so = k * m.Lanes;
            for (var c = 0; c < m.Lanes; c += Width)
            {
                var g = scale * (tadjGbar * Load(n, so + c));
                Store(m.I, so + c, Load(m.I, so + c) + g * (Load(m.V, vo + c) - ek));
                Store(m.G, so + c, Load(m.G, so + c) + g);
            }
        }
    }
}
