using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>kca: Ca²⁺-activated K⁺ current; rates depend on cai only (docs/dev/mechanisms.md §9).</summary>
internal sealed class Kca : DensityMechanism
{
    private const double Ra = 0.01, Rb = 0.02; // caix = 1

    private readonly double[] _gbar; // pS/µm²
    private readonly double[] _n;

    public Kca(double[] gbar, int lanes)
    {
        _gbar = gbar;
        _n = new double[gbar.Length * lanes];
    }

    public override string Name => "kca";

    public override IEnumerable<double[]> States => [_n];

    /// <summary>ninf at cai (mM): a/(a + b), a = Ra·cai.</summary>
    public static double SteadyState(double cai)
    {
        var a = Ra * cai;
        return a / (a + Rb);
    }

    // cad's INITIAL runs first, so cai = 1e-4 here (docs/dev/mechanisms.md §2.4).
    public override void Initialize(MembraneState m)
    {
        for (var i = 0; i < _n.Length; i++)
            _n[i] = SteadyState(m.Cai![i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AdvanceStates<TV>(MembraneState m)
    {
        var negDt = TV.Create(-m.Dt);
        var ra = TV.Create(Ra);
        var rb = TV.Create(Rb);
        var invTadj = TV.Create(1.0 / Units.TadjQ10Of23);
        var cai = m.Cai!;
        for (var i = 0; i < _n.Length; i += TV.Count)
            AdvanceAt(i, TV.Load(cai, i), negDt);
    }

    /// <summary>cnexp of n at lanes s from the present cai.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AdvanceAt<TV>(int s, TV cai, TV negDt) where TV : struct, IVec<TV>
    {
        var a = TV.Create(Ra) * cai;
        var sum = a + TV.Create(Rb);
        // τ = 1/(tadj·(a + b)), so −dt/τ = −dt·tadj·(a + b): no division (docs/dev/kernels.md §3).
        var x = TV.Load(_n, s);
        var f = TV.Create(1.0) - ExpOfNonPositive(negDt * (TV.Create(Units.TadjQ10Of23) * sum));
        (x + f * (a / sum - x)).Store(_n, s);
    }

    /// <summary>Adds the current density and conductance of membrane node k, lanes at state index s, to i and g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddCurrent<TV>(int k, int s, TV v, ref TV i, ref TV g) where TV : struct, IVec<TV> => SlowPotassiumCurrent.AddAt(_gbar, _n, k, s, v, ref i, ref g);
}
