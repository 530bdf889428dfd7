using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>ar: anomalous rectifier (h-like) current, nonspecific, erev −35 mV (docs/dev/mechanisms.md §11).</summary>
internal sealed class Ar : DensityMechanism
{
    private const int MInf = 0, MTau = 1;
    private const double Reversal = -35.0;

    internal static readonly RateTable Table = new(-120.0, 40.0, 641, 2, Rates);

    private readonly double[] _gbar; // S/cm², per segment (distance rule)
    private readonly double[] _m;
    private readonly TabulatedGate[] _gates;

    public Ar(double[] gbar, int lanes)
    {
        _gbar = gbar;
        _m = new double[gbar.Length * lanes];
        _gates = [new(_m, MInf, MTau)];
    }

    public override string Name => "ar";

    internal static void Rates(double v, Span<double> o)
    {
        o[MInf] = 1.0 / (1.0 + Math.Exp((v + 75.0) / 5.5));
        o[MTau] = 1.0 / (Math.Exp(-14.6 - 0.086 * v) + Math.Exp(-1.87 + 0.07 * v));
    }

    // INITIAL sets m = minf and then overwrites it with 0.25 (docs/dev/mechanisms.md §11).
    public override void Initialize(MembraneState m) => Array.Fill(_m, 0.25);

    /// <summary>Adds the current density and conductance of membrane node k, lanes at state index s, to i and g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCurrent<TV>(int k, int s, TV v, ref TV i, ref TV g) where TV : struct, IVec<TV>
    {
        var gar = TV.Create(_gbar[k]) * TV.Load(_m, s);
        i = i + gar * (v - TV.Create(Reversal));
        g = g + gar;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m) => GatingUpdate.Advance<TV>(m, Table, _gates);

    public override IEnumerable<double[]> States => _gates.Select(g => g.State);
}
