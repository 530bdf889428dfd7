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

    public Cad(double[] taur) => _taur = taur;

    public override string Name => "cad";

    public override void Initialize(MembraneState m) => Array.Fill(m.Cai!, CaInf);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    public override void AddCurrents<TV>(MembraneState m)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    public override void AdvanceStates<TV>(MembraneState m)
    {
        var cai = m.Cai!;
        var ica = m.Ica!;
        var influx = TV.Create(-10000.0 / (2.0 * Units.FaradayCad * Depth));
        var caInf = TV.Create(CaInf);
        for (var k = 0; k < m.MembraneCount; k++)
        {
            var taur = _taur[k];
            var f = TV.Create(1.0 - Math.Exp(-m.Dt / taur));
            var negInvTaur = TV.Create(-1.0 / taur);
            var vTaur = TV.Create(taur);
            var so = k * m.Lanes;
            for (var c = 0; c < m.Lanes; c += TV.Count)
            {
                // drive = −10000·ica/(2·F·depth), no outward pumping through this term.
                var drive = TV.Max(influx * TV.Load(ica, so + c), TV.Zero);
                var ca = TV.Load(cai, so + c);
                // cnexp of ca' = drive + (cainf − ca)/taur: x∞ = −(drive + cainf/taur)/(−1/taur).
                var caSteady = -(drive + caInf / vTaur) / negInvTaur;
                (ca + f * (caSteady - ca)).Store(cai, so + c);
            }
        }
    }
}
