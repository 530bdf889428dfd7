using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>km: slow non-inactivating K⁺ (M) current (docs/dev/mechanisms.md §6).</summary>
internal sealed class Km : DensityMechanism
{
    private const int NInf = 0, NTau = 1;
    private const double Tha = -30.0, Qa = 9.0, Ra = 0.001, Rb = 0.001;

    internal static readonly RateTable Table = new(-120.0, 100.0, 199, 2, Rates);

    private readonly double[] _gbar; // pS/µm² per membrane node
    private readonly double[] _n;
    private readonly TabulatedGate[] _gates;

    public Km(double[] gbar, int lanes)
    {
        _gbar = gbar;
        _n = new double[gbar.Length * lanes];
        _gates = [new(_n, NInf, NTau)];
    }

    public override string Name => "km";
    public double[] N => _n;

    internal static void Rates(double v, Span<double> o)
    {
        var tadj = Units.TadjQ10Of23;
        var a = Ra * (v - Tha) / (1.0 - Math.Exp(-(v - Tha) / Qa));
        var b = -Rb * (v - Tha) / (1.0 - Math.Exp((v - Tha) / Qa));
        o[NTau] = 1.0 / tadj / (a + b);
        o[NInf] = a / (a + b);
    }

    public override void Initialize(MembraneState m)
    {
        for (var k = 0; k < m.MembraneCount; k++)
        for (var c = 0; c < m.Lanes; c++)
            _n[k * m.Lanes + c] = Table.Lookup(m.V[m.VoltageOffset(k) + c], NInf);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m) => GatingUpdate.Advance<TV>(m, Table, _gates);

    /// <summary>Adds the current density and conductance of membrane node k, lanes at state index s, to i and g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCurrent<TV>(int k, int s, TV v, ref TV i, ref TV g) where TV : struct, IVec<TV> => SlowPotassiumCurrent.AddAt(_gbar, _n, k, s, v, ref i, ref g);

    public override IEnumerable<double[]> States => _gates.Select(g => g.State);
}
