using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// cad: intracellular Ca²⁺ in a 0.1 µm shell with decay to cainf (docs/dev/mechanisms.md §8). Its state
/// ca is the ion's cai; it reads the ica summed in this step's current evaluation.
/// </summary>
internal sealed class Cad : DensityMechanism
{
    public const double Depth = 0.1;       // µm
    public const double CaInf = 100e-6;    // mM

    private readonly double[] _taur;       // ms per membrane node

    private readonly double[] _caInfOverTaur;

    public Cad(double[] taur)
    {
        _taur = taur;
        _caInfOverTaur = [.. taur.Select(t => CaInf / t)];
    }

    /// <summary>cnexp's 1 − exp(−dt/taur) of membrane node k.</summary>
    public double Factor(int k, double dt) => 1.0 - Math.Exp(-dt / _taur[k]);

    public override string Name => "cad";

    public override void Initialize(MembraneState m) => Array.Fill(m.Cai!, CaInf);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m)
    {
        for (var k = 0; k < m.MembraneCount; k++)
        {
            var so = k * m.Lanes;
            var f = TV.Create(Factor(k, m.Dt));
            for (var c = 0; c < m.Lanes; c += TV.Count)
                AdvanceAt(k, so + c, f, m.Cai!, TV.Load(m.Ica!, so + c));
        }
    }

    /// <summary>cnexp of cai at lanes s of membrane node k from this step's ica.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AdvanceAt<TV>(int k, int s, TV factor, double[] cai, TV ica) where TV : struct, IVec<TV>
    {
        // drive = −10000·ica/(2·F·depth), no outward pumping through this term. x86 max (AtLeast), not
        // the IEEE Vector512.Max: the same doubles for every non-NaN ica, and 3× faster in a firing L5 population.
        var drive = TV.AtLeast(TV.Create(Influx) * ica, TV.Zero);
        var ca = TV.Load(cai, s);
        // cnexp of ca' = drive + (cainf − ca)/taur: x∞ = −(drive + cainf/taur)/(−1/taur), taken as
        // (drive + cainf/taur)·taur (no division; docs/dev/kernels.md §3); cainf/taur is per node.
        var caSteady = (drive + TV.Create(_caInfOverTaur[k])) * TV.Create(_taur[k]);
        (ca + factor * (caSteady - ca)).Store(cai, s);
    }

    private static readonly double Influx = -10000.0 / (2.0 * Units.FaradayCad * Depth);
}
