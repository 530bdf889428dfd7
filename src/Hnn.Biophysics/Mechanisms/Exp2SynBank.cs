using System.Runtime.CompilerServices;
using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Solver;
using static Hnn.Biophysics.Solver.Simd;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// Every Exp2Syn of a population (docs/dev/mechanisms.md §12): per template synapse s and cell c,
/// states A and B (µS) at [s·Lanes + c]. g = B − A; i = g·(v − e) nA, entering its node's
/// equation as 100·i/area. A NetCon event of weight w adds w·factor to both A and B.
/// </summary>
internal sealed class Exp2SynBank
{
    private readonly int _lanes;
    private readonly int[] _membraneIndex;   // membrane node k of each synapse
    private readonly double[] _reversal, _factor, _decay1, _decay2, _areaScale;

    public Exp2SynBank(IReadOnlyList<SynapseSpec> synapses, CableTree tree, int lanes, double dt)
    {
        _lanes = lanes;
        Specs = synapses;
        var n = synapses.Count;
        _membraneIndex = new int[n];
        _reversal = new double[n];
        _factor = new double[n];
        _decay1 = new double[n];
        _decay2 = new double[n];
        _areaScale = new double[n];
        for (var s = 0; s < n; s++)
        {
            var spec = synapses[s];
            var node = tree.NodeAt(spec.Section, 0.5);
            _membraneIndex[s] = tree.MembraneIndex(node);
            _reversal[s] = spec.Reversal;
            _factor[s] = PeakFactor(spec.Tau1, spec.Tau2);
            var tau1 = EffectiveTau1(spec.Tau1, spec.Tau2);
            _decay1[s] = 1.0 - Math.Exp(-dt / tau1);
            _decay2[s] = 1.0 - Math.Exp(-dt / spec.Tau2);
            _areaScale[s] = 1e2 / tree.Area[node];
        }
        A = new double[n * lanes];
        B = new double[n * lanes];
    }

    public IReadOnlyList<SynapseSpec> Specs { get; }
    public double[] A { get; }
    public double[] B { get; }
    public int MembraneIndex(int synapse) => _membraneIndex[synapse];
    public double Reversal(int synapse) => _reversal[synapse];

    // INITIAL's guard against tau1 ≥ tau2 (never triggered by HNN's values).
    private static double EffectiveTau1(double tau1, double tau2)
    {
        if (tau1 / tau2 > 0.9999) return 0.9999 * tau2;
        if (tau1 / tau2 < 1e-9) return 1e-9 * tau2;
        return tau1;
    }

    /// <summary>factor = 1/(exp(−tp/τ2) − exp(−tp/τ1)), tp the time of peak: peak g equals the weight.</summary>
    public static double PeakFactor(double tau1, double tau2)
    {
        tau1 = EffectiveTau1(tau1, tau2);
        var tp = tau1 * tau2 / (tau2 - tau1) * Math.Log(tau2 / tau1);
        var f = -Math.Exp(-tp / tau1) + Math.Exp(-tp / tau2);
        return 1.0 / f;
    }

    public void Initialize()
    {
        Array.Clear(A);
        Array.Clear(B);
    }

    /// <summary>NET_RECEIVE: an event of <paramref name="weight"/> µS on synapse s of lane c.</summary>
    public void Receive(int synapse, int lane, double weight)
    {
        var i = synapse * _lanes + lane;
        var w = weight * _factor[synapse];
        A[i] += w;
        B[i] += w;
    }

    /// <summary>The synaptic currents at the width of m's path.</summary>
    public void AddCurrents(MembraneState m)
    {
        switch (m.Path)
        {
            case SimdPath.Avx512: AddCurrents<V512>(m); break;
            case SimdPath.Avx2: AddCurrents<V256>(m); break;
            default: AddCurrents<V128>(m); break;
        }
    }

    /// <summary>The decay at the width of <paramref name="path"/>.</summary>
    public void AdvanceStates(SimdPath path)
    {
        switch (path)
        {
            case SimdPath.Avx512: AdvanceStates<V512>(); break;
            case SimdPath.Avx2: AdvanceStates<V256>(); break;
            default: AdvanceStates<V128>(); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddCurrents<TV>(MembraneState m) where TV : struct, IVec<TV>
    {
        for (var s = 0; s < _factor.Length; s++)
        {
            var k = _membraneIndex[s];
            var e = TV.Create(_reversal[s]);
            var scale = TV.Create(_areaScale[s]);
            int vo = m.VoltageOffset(k), so = k * _lanes, syn = s * _lanes;
            for (var c = 0; c < _lanes; c += TV.Count)
            {
                var g = TV.Load(B, syn + c) - TV.Load(A, syn + c);
                var current = g * (TV.Load(m.V, vo + c) - e);
                (TV.Load(m.I, so + c) + current * scale).Store(m.I, so + c);
                (TV.Load(m.G, so + c) + g * scale).Store(m.G, so + c);
            }
        }
    }

    /// <summary>cnexp decay with x∞ = 0: A ← A + (1 − e^(−dt/τ1))·(−A), likewise B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AdvanceStates<TV>() where TV : struct, IVec<TV>
    {
        for (var s = 0; s < _factor.Length; s++)
        {
            var f1 = TV.Create(_decay1[s]);
            var f2 = TV.Create(_decay2[s]);
            var syn = s * _lanes;
            for (var c = 0; c < _lanes; c += TV.Count)
            {
                var a = TV.Load(A, syn + c);
                var b = TV.Load(B, syn + c);
                (a + f1 * -a).Store(A, syn + c);
                (b + f2 * -b).Store(B, syn + c);
            }
        }
    }
}
