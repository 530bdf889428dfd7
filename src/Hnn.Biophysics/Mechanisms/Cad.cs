using System.Runtime.Intrinsics;
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

    public override void AddCurrents(MembraneState m)
    {
    }

    public override void AdvanceStates(MembraneState m)
    {
        var cai = m.Cai!;
        var ica = m.Ica!;
        var influx = Vector256.Create(-10000.0 / (2.0 * Units.FaradayCad * Depth));
        var caInf = Vector256.Create(CaInf);
        for (var k = 0; k < m.MembraneCount; k++)
        {
            var taur = _taur[k];
            var f = Vector256.Create(1.0 - Math.Exp(-m.Dt / taur));
            var negInvTaur = Vector256.Create(-1.0 / taur);
            var vTaur = Vector256.Create(taur);
            var so = k * m.Lanes;
            for (var c = 0; c < m.Lanes; c += Width)
            {
                // drive = −10000·ica/(2·F·depth), no outward pumping through this term.
                var drive = Vector256.Max(influx * Load(ica, so + c), Vector256<double>.Zero);
                var ca = Load(cai, so + c);
                // cnexp of ca' = drive + (cainf − ca)/taur: x∞ = −(drive + cainf/taur)/(−1/taur).
                var caSteady = -(drive + caInf / vTaur) / negInvTaur;
                Store(cai, so + c, ca + f * (caSteady - ca));
            }
        }
    }
}
