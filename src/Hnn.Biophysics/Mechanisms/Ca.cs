using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>ca: high-voltage-activated Ca²⁺ current, writes ica (docs/dev/mechanisms.md §7).</summary>
internal sealed class Ca : DensityMechanism
{
    private const int MInf = 0, HInf = 1, MTau = 2, HTau = 3;

    internal static readonly RateTable Table = new(-120.0, 100.0, 199, 4, Rates);

    private readonly double[] _gbar; // pS/µm²
    private readonly double[] _m, _h;
    private readonly TabulatedGate[] _gates;

    public Ca(double[] gbar, int lanes)
    {
        _gbar = gbar;
        _m = new double[gbar.Length * lanes];
        _h = new double[_m.Length];
        _gates = [new(_m, MInf, MTau), new(_h, HInf, HTau)];
    }

    public override string Name => "ca";

    /// <summary>Rates at vm = v + vshift (vshift = 0).</summary>
    internal static void Rates(double vm, Span<double> o)
    {
        var tadj = Units.TadjQ10Of23;
        var a = 0.055 * (-27.0 - vm) / (Math.Exp((-27.0 - vm) / 3.8) - 1.0);
        var b = 0.94 * Math.Exp((-75.0 - vm) / 17.0);
        o[MTau] = 1.0 / tadj / (a + b);
        o[MInf] = a / (a + b);
        a = 0.000457 * Math.Exp((-13.0 - vm) / 50.0);
        b = 0.0065 / (Math.Exp((-vm - 15.0) / 28.0) + 1.0);
        o[HTau] = 1.0 / tadj / (a + b);
        o[HInf] = a / (a + b);
    }

    public override void Initialize(MembraneState m)
    {
        for (var k = 0; k < m.MembraneCount; k++)
        for (var c = 0; c < m.Lanes; c++)
        {
            Table.Locate(m.V[m.VoltageOffset(k) + c], out var off, out var th);
            _m[k * m.Lanes + c] = Table.Value(off, th, MInf);
            _h[k * m.Lanes + c] = Table.Value(off, th, HInf);
        }
    }

    /// <summary>Adds ica, the current density and the conductance of membrane node k, lanes at state index s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCurrent<TV>(int k, int s, TV v, TV eca, ref TV ica, ref TV i, ref TV g) where TV : struct, IVec<TV>
    {
        var mm = TV.Load(_m, s);
        var gca = TV.Create(1e-4) * (TV.Create(Units.TadjQ10Of23 * _gbar[k]) * mm * mm * TV.Load(_h, s));
        var current = gca * (v - eca);
        ica = ica + current;
        i = i + current;
        g = g + gca;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m) => GatingUpdate.Advance<TV>(m, Table, _gates);

    public override IEnumerable<double[]> States => _gates.Select(g => g.State);
}
