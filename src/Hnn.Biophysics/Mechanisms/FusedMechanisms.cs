using System.Runtime.CompilerServices;
using Hnn.Biophysics.Solver;

namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// BREAKPOINT of all density mechanisms of a template in one pass over the membrane nodes instead
/// of one per mechanism (docs/dev/kernels.md §3): per vector of cells V is loaded once and I, G and
/// ica stay in registers. Each mechanism's share is its own inlined per-vector method, added in
/// NEURON's order (docs/dev/mechanisms.md §2.4), so the sums are the same doubles as mechanism by
/// mechanism. (The state updates stay one pass per mechanism: fused, they outgrow the JIT's
/// inlining budget and run several times slower.)
/// </summary>
internal sealed class FusedMechanisms
{
    private readonly CalciumIon? _ion;
    private readonly Cad? _cad;
    private readonly Ar? _ar;
    private readonly Ca? _ca;
    private readonly Cat? _cat;
    private readonly Hh2? _hh2;
    private readonly Kca? _kca;
    private readonly Km? _km;

    /// <param name="mechanisms">As <see cref="MechanismFactory.Create"/> builds them, in its order.</param>
    public FusedMechanisms(DensityMechanism[] mechanisms)
    {
        foreach (var mech in mechanisms)
        {
            switch (mech)
            {
                case CalciumIon x: _ion = x; break;
                case Cad x: _cad = x; break;
                case Ar x: _ar = x; break;
                case Ca x: _ca = x; break;
                case Cat x: _cat = x; break;
                case Hh2 x: _hh2 = x; break;
                case Kca x: _kca = x; break;
                case Km x: _km = x; break;
                default: throw new ArgumentException($"no fused kernel for mechanism {mech.Name}", nameof(mechanisms));
            }
        }
        if ((_ca is not null || _cad is not null || _kca is not null) && _ion is null)
            throw new ArgumentException("ca, cad and kca need the calcium ion", nameof(mechanisms));
    }

    /// <summary>Sets I and G (and ica, eca) of every membrane node to the mechanisms' sums at the present V.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Currents<TV>(MembraneState m) where TV : struct, IVec<TV>
    {
        var lanes = m.Lanes;
        for (var k = 0; k < m.MembraneCount; k++)
        {
            int vo = m.VoltageOffset(k), so = k * lanes;
            for (var c = 0; c < lanes; c += TV.Count)
            {
                var s = so + c;
                var v = TV.Load(m.V, vo + c);
                var i = TV.Zero;
                var g = TV.Zero;
                if (_ion is not null)
                {
                    // The ion first: ica from 0, eca from the present cai.
                    var eca = CalciumIon.Reversal<TV>(m.Cai!, m.Eca!, s);
                    var ica = TV.Zero;
                    _ar?.AddCurrent(k, s, v, ref i, ref g);
                    _ca?.AddCurrent(k, s, v, eca, ref ica, ref i, ref g);
                    ica.Store(m.Ica!, s);
                }
                else
                    _ar?.AddCurrent(k, s, v, ref i, ref g);
                _cat?.AddCurrent(k, s, v, ref i, ref g);
                _hh2?.AddCurrent(k, s, v, ref i, ref g);
                _kca?.AddCurrent(k, s, v, ref i, ref g);
                _km?.AddCurrent(k, s, v, ref i, ref g);
                i.Store(m.I, s);
                g.Store(m.G, s);
            }
        }
    }
}
