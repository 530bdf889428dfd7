using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// NEURON's ca ion with concentration as a state (docs/dev/mechanisms.md §2.3): at the start of every
/// current evaluation ica is zeroed and eca is recomputed from the present cai by Nernst.
/// Runs before every channel.
/// </summary>
internal sealed class CalciumIon : DensityMechanism
{
    /// <summary>cai0_ca_ion: the ion's initial cai, overwritten by cad's INITIAL.</summary>
    public const double InitialCai = 5e-5;

    /// <summary>ktf = 1000·R·(celsius + 273.15)/F with NEURON's legacy constants (mV).</summary>
    public static readonly double Ktf = 1000.0 * Units.GasConstant * (Units.Celsius + 273.15) / Units.FaradayNernst;

    public override string Name => "ca_ion";

    /// <summary>NEURON's nrn_nernst for z = 2, including its guards for non-positive concentrations.</summary>
    public static double Nernst(double ci, double co)
    {
        if (ci <= 0.0) return 1e6;
        if (co <= 0.0) return -1e6;
        return Ktf / 2.0 * Math.Log(co / ci);
    }

    public override void Initialize(MembraneState m) => Array.Fill(m.Cai!, InitialCai);

    /// <summary>eca at lanes s from cai, written to <paramref name="eca"/> and returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Reversal<TV>(double[] cai, double[] eca, int s) where TV : struct, IVec<TV>
    {
        var ci = TV.Load(cai, s);
        if (TV.AnyAtMostZero(ci))
        {
            for (var j = s; j < s + TV.Count; j++) eca[j] = Nernst(cai[j], Units.CaOut);
            return TV.Load(eca, s);
        }
        var e = TV.Create(Ktf / 2.0) * Simd.Log(TV.Create(Units.CaOut) / ci);
        e.Store(eca, s);
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m)
    {
    }
}
