using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>hh2: Hodgkin–Huxley Na, K and leak with tabulated rates (docs/dev/mechanisms.md §5).</summary>
internal sealed class Hh2 : DensityMechanism
{
    // Table outputs, in the mod file's order.
    private const int MInf = 0, MTau = 1, HInf = 2, HTau = 3, NInf = 4, NTau = 5;

    internal static readonly RateTable Table = new(-100.0, 100.0, 200, 6, Rates);

    private readonly double[] _gnabar, _gkbar, _gl, _el; // per membrane node
    private readonly double[] _m, _h, _n;
    private readonly TabulatedGate[] _gates;

    public Hh2(double[] gnabar, double[] gkbar, double[] gl, double[] el, int lanes)
    {
        (_gnabar, _gkbar, _gl, _el) = (gnabar, gkbar, gl, el);
        _m = new double[gnabar.Length * lanes];
        _h = new double[_m.Length];
        _n = new double[_m.Length];
        _gates = [new(_m, MInf, MTau), new(_h, HInf, HTau), new(_n, NInf, NTau)];
    }

    public override string Name => "hh2";
    public double[] M => _m;
    public double[] H => _h;
    public double[] N => _n;

    /// <summary>The rate procedure of hh2.mod at v (mV), q10 = 3^((37 − 6.3 − 30.7)/10) = 1.</summary>
    internal static void Rates(double v, Span<double> o)
    {
        var q10 = Math.Pow(3.0, (Units.Celsius - 6.3 - 30.7) / 10.0);
        var alpha = 0.1 * Vtrap(-(v + 40.0), 10.0);
        var beta = 4.0 * Math.Exp(-(v + 65.0) / 18.0);
        var sum = alpha + beta;
        o[MTau] = 1.0 / (q10 * sum);
        o[MInf] = alpha / sum;
        alpha = 0.07 * Math.Exp(-(v + 65.0) / 20.0);
        beta = 1.0 / (Math.Exp(-(v + 35.0) / 10.0) + 1.0);
        sum = alpha + beta;
        o[HTau] = 1.0 / (q10 * sum);
        o[HInf] = alpha / sum;
        alpha = 0.01 * Vtrap(-(v + 55.0), 10.0);
        beta = 0.125 * Math.Exp(-(v + 65.0) / 80.0);
        sum = alpha + beta;
        o[NTau] = 1.0 / (q10 * sum);
        o[NInf] = alpha / sum;
    }

    private static double Vtrap(double x, double y) =>
        Math.Abs(x / y) < 1e-6 ? y * (1.0 - x / y / 2.0) : x / (Math.Exp(x / y) - 1.0);

    public override void Initialize(MembraneState m)
    {
        for (var k = 0; k < m.MembraneCount; k++)
        for (var c = 0; c < m.Lanes; c++)
        {
            var i = k * m.Lanes + c;
            Table.Locate(m.V[m.VoltageOffset(k) + c], out var off, out var th);
            _m[i] = Table.Value(off, th, MInf);
            _h[i] = Table.Value(off, th, HInf);
            _n[i] = Table.Value(off, th, NInf);
        }
    }

    /// <summary>Adds the current density and conductance of membrane node k, lanes at state index s, to i and g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCurrent<TV>(int k, int s, TV v, ref TV i, ref TV g) where TV : struct, IVec<TV>
    {
        var mm = TV.Load(_m, s);
        var n = TV.Load(_n, s);
        var gna = TV.Create(_gnabar[k]) * mm * mm * mm * TV.Load(_h, s);
        var gk = TV.Create(_gkbar[k]) * n * n * n * n;
        var gl = TV.Create(_gl[k]);
        i = i + (gna * (v - TV.Create(Units.ENa)) + gk * (v - TV.Create(Units.EK)) + gl * (v - TV.Create(_el[k])));
        g = g + gna + gk + gl;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m) => GatingUpdate.Advance<TV>(m, Table, _gates);

    public override IEnumerable<double[]> States => _gates.Select(g => g.State);
}
