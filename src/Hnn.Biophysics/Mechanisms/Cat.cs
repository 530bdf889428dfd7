using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>cat: low-threshold T-type Ca²⁺ current, nonspecific, reversal +125 mV (docs/dev/mechanisms.md §10).</summary>
internal sealed class Cat : DensityMechanism
{
    private const int MInf = 0, MTau = 1, HInf = 2, HTau = 3;
    private const double Reversal = 125.0;

    internal static readonly RateTable Table = new(-120.0, 40.0, 641, 4, Rates);

    private readonly double[] _gbar; // S/cm²
    private readonly double[] _m, _h;
    private readonly TabulatedGate[] _gates;

    public Cat(double[] gbar, int lanes)
    {
        _gbar = gbar;
        _m = new double[gbar.Length * lanes];
        _h = new double[_m.Length];
        _gates = [new(_m, MInf, MTau), new(_h, HInf, HTau)];
    }

    public override string Name => "cat";

    internal static void Rates(double v, Span<double> o)
    {
        o[MInf] = 1.0 / (1.0 + Math.Exp((-v - 56.0) / 6.2));
        o[MTau] = 0.204 + 0.333 / (Math.Exp((v + 15.8) / 18.2) + Math.Exp((-v - 131.0) / 16.7));
        o[HInf] = 1.0 / (1.0 + Math.Exp((v + 80.0) / 4.0));
        o[HTau] = v < -81.0
            ? 0.333 * Math.Exp((v + 466.0) / 66.6)
            : 9.32 + 0.333 * Math.Exp((-v - 21.0) / 10.5);
    }

    public override void Initialize(MembraneState m)
    {
        // INITIAL sets m = minf and then overwrites it with 0 (docs/dev/mechanisms.md §10).
        for (var k = 0; k < m.MembraneCount; k++)
        for (var c = 0; c < m.Lanes; c++)
        {
            _h[k * m.Lanes + c] = Table.Lookup(m.V[m.VoltageOffset(k) + c], HInf);
            _m[k * m.Lanes + c] = 0.0;
        }
    }

    /// <summary>Adds the current density and conductance of membrane node k, lanes at state index s, to i and g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCurrent<TV>(int k, int s, TV v, ref TV i, ref TV g) where TV : struct, IVec<TV>
    {
        var mm = TV.Load(_m, s);
        var gcat = TV.Create(_gbar[k]) * mm * mm * TV.Load(_h, s);
        i = i + gcat * (v - TV.Create(Reversal));
        g = g + gcat;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m) => GatingUpdate.Advance<TV>(m, Table, _gates);

    public override IEnumerable<double[]> States => _gates.Select(g => g.State);
}
