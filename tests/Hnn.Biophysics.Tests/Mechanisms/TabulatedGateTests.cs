using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Mechanisms;

/// <summary>
/// The tabulated channels through their own INITIAL and state update (4 lanes, one membrane
/// node, dt = 0.025 ms): x∞ and τ looked up in a TABLE built as NEURON builds it (accumulated
/// grid, linear interpolation, clamped outside [lo, hi]) and one cnexp step. Expected values from
/// nmodl_expected.py (gate_rows: the NMODL formulas of hnn_core/mod/&lt;name&gt;.mod at celsius 37,
/// tabulated and interpolated in Python). Lane voltages include points between nodes and points
/// outside each table's range. Tolerance 1e-12 relative; measured maximum printed.
/// </summary>
public sealed class TabulatedGateTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;
    private const double Dt = 0.025;
    // 8 lanes fit every kernel width (2, 4, 8); rows repeat across them. The width is HNN_SIMD's or the CPU's widest.
    private const int Lanes = 8;

    private static MembraneState State(double[][] rows)
    {
        var m = new MembraneState(StateMechanismTests.OneCompartment(), Lanes, Dt, hasCalcium: true);
        for (var c = 0; c < Lanes; c++) m.V[m.VoltageOffset(0) + c] = rows[c % rows.Length][0];
        return m;
    }

    /// <summary>
    /// Per gate g (row columns 1 + 2g: x∞(v), 2 + 2g: x after one step from x0[g]): sets the
    /// states to x0, advances once and compares.
    /// </summary>
    private void CheckStep(string name, DensityMechanism mechanism, double[][] rows, double[] x0)
    {
        var m = State(rows);
        var states = mechanism.States.ToArray();
        Assert.Equal(x0.Length, states.Length);
        for (var g = 0; g < states.Length; g++) Array.Fill(states[g], x0[g]);
        mechanism.AdvanceStates(m);
        Nmodl.AssertAll(output, $"{name} gates after one step", Tolerance,
            Enumerable.Range(0, states.Length).SelectMany(g => rows.Select((r, c) => (r[0], r[2 + 2 * g], states[g][c]))));
    }

    private void CheckInitial(string name, DensityMechanism mechanism, double[][] rows, Func<int, double[], double> expected)
    {
        var m = State(rows);
        mechanism.Initialize(m);
        var states = mechanism.States.ToArray();
        Nmodl.AssertAll(output, $"{name} INITIAL", Tolerance,
            Enumerable.Range(0, states.Length).SelectMany(g => rows.Select((r, c) => (r[0], expected(g, r), states[g][c]))));
    }

    // hh2: v, minf, m1, hinf, h1, ninf, n1 from (m, h, n) = (0.1, 0.6, 0.3); 120 mV is above the table.
    private static readonly double[][] Hh2Rows =
    [
        [-65.3, 0.05115684344980487, 0.09503770596134875, 0.6064653836384334, 0.6000189168197263, 0.31311496813699446, 0.30005975697209114],
        [-20.7, 0.8685802541774894, 0.1483507639197339, 0.009386446836500086, 0.5880968957271082, 0.8314495455836006, 0.30563388971234096],
        [55.55, 0.9994832889554407, 0.291223125846151, 0.00016884962075948016, 0.5851893567502097, 0.975554628674656, 0.31886987288363244],
        [120.0, 0.9999701540173902, 0.3657787150142401, 1.828778963398621e-05, 0.5851861512598889, 0.989851174897981, 0.32648404362617367],
    ];

    // ca: v, minf, m1, hinf, h1 from (0.01, 0.5); −150 mV is below the table.
    private static readonly double[][] CaRows =
    [
        [-65.3, 0.00016853973233283787, 0.009967571705408287, 0.5844327791087043, 0.500001169083509],
        [-27.0, 0.7888926565820945, 0.011281572206632978, 0.19083934585497128, 0.49999390586614006],
        [33.3, 0.9995148450560735, 0.03021439947043085, 0.03177439521458786, 0.4999834034128998],
        [-150.0, 9.064184556550129e-12, 0.009207884383219768, 0.962972764727139, 0.5000116170779714],
    ];

    // km: v, ninf, n1 from 0.05; −30 mV (the formula's 0/0) is interpolated, 250 mV clamped.
    private static readonly double[][] KmRows =
    [
        [-65.3, 0.01944724790993949, 0.04999302138833258],
        [-30.0, 0.49999830418115926, 0.05005040174291324],
        [12.34, 0.9910124494853781, 0.0502523268601517],
        [250.0, 0.9999994668403771, 0.05076797326230994],
    ];

    // cat: v, minf, m1, hinf, h1 from (0.2, 0.4); 45 mV is above the table (40), −130 below.
    private static readonly double[][] CatRows =
    [
        [-65.3, 0.18243488467465374, 0.19989324504845501, 0.024728060633899183, 0.399706514857361],
        [-81.2, 0.016884630823690346, 0.19897702379932583, 0.5744251688665508, 0.4000405318758644],
        [45.0, 0.9999998114440687, 0.2861109640640702, 9.357622968841227e-14, 0.39892859104385514],
        [-130.0, 3.288106733523594e-05, 0.19415962500882453, 0.9999546021312976, 0.400249619894668],
    ];

    // ar: v, minf, m1 from 0.25.
    private static readonly double[][] ArRows =
    [
        [-65.3, 0.14634653110841314, 0.24999554254469997],
        [-75.01, 0.5004546869607299, 0.2500068699323182],
        [45.0, 8.304188449757354e-10, 0.23465073821776677],
        [-130.0, 0.9997203852613508, 0.25026005761844283],
    ];

    private static Hh2 NewHh2() => new([0.12], [0.036], [0.0003], [-54.3], Lanes);

    [Fact] public void Hh2_OneStep_IsCnexpWithTableInterpolatedRates() => CheckStep("hh2", NewHh2(), Hh2Rows, [0.1, 0.6, 0.3]);
    [Fact] public void Ca_OneStep_IsCnexpWithTableInterpolatedRates() => CheckStep("ca", new Ca([10.0], Lanes), CaRows, [0.01, 0.5]);
    [Fact] public void Km_OneStep_IsCnexpWithTableInterpolatedRates() => CheckStep("km", new Km([10.0], Lanes), KmRows, [0.05]);
    [Fact] public void Cat_OneStep_IsCnexpWithTableInterpolatedRates() => CheckStep("cat", new Cat([1e-4], Lanes), CatRows, [0.2, 0.4]);
    [Fact] public void Ar_OneStep_IsCnexpWithTableInterpolatedRates() => CheckStep("ar", new Ar([1e-6], Lanes), ArRows, [0.25]);

    /// <summary>hh2.mod INITIAL: m = minf, h = hinf, n = ninf at v, from the table.</summary>
    [Fact] public void Hh2_Initial_SetsEveryGateToItsTabulatedSteadyState() => CheckInitial("hh2", NewHh2(), Hh2Rows, (g, r) => r[1 + 2 * g]);

    /// <summary>ca.mod INITIAL: m = minf, h = hinf at v + vshift (vshift = 0), from the table.</summary>
    [Fact] public void Ca_Initial_SetsEveryGateToItsTabulatedSteadyState() => CheckInitial("ca", new Ca([10.0], Lanes), CaRows, (g, r) => r[1 + 2 * g]);

    /// <summary>km.mod INITIAL: n = ninf, from the table.</summary>
    [Fact] public void Km_Initial_SetsNToItsTabulatedSteadyState() => CheckInitial("km", new Km([10.0], Lanes), KmRows, (g, r) => r[1]);

    /// <summary>cat.mod INITIAL: m = minf, h = hinf, then m = 0 (the mod file's overwrite).</summary>
    [Fact] public void Cat_Initial_SetsHToHinfAndMToZero() => CheckInitial("cat", new Cat([1e-4], Lanes), CatRows, (g, r) => g == 0 ? 0.0 : r[3]);

    /// <summary>ar.mod INITIAL: m = minf, then m = 0.25 (the mod file's overwrite).</summary>
    [Fact] public void Ar_Initial_SetsMToAQuarter() => CheckInitial("ar", new Ar([1e-6], Lanes), ArRows, (g, r) => 0.25);
}
