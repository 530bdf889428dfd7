using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Mechanisms;

/// <summary>
/// kca, cad, the ca ion (Nernst) and Exp2Syn against their NMODL formulas (HNN-core v0.6.1's
/// hnn_core/mod/kca.mod, cad.mod; NEURON's exp2syn.mod and eion.cpp) at celsius 37, one cnexp
/// step of dt = 0.025 ms where the mechanism has states. Expected values come from
/// nmodl_expected.py (plain Python math, independent of the C# code); tolerance 1e-12 relative
/// unless stated, the measured maximum is printed.
/// </summary>
public sealed class StateMechanismTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;
    private const double Dt = 0.025;
    // 8 lanes fit every kernel width (2, 4, 8); rows repeat across them. The width is HNN_SIMD's or the CPU's widest.
    private const int Lanes = 8;

    /// <summary>One soma (L = 10 µm, d = 10 µm): one membrane node, area π·100 µm².</summary>
    internal static CableTree OneCompartment(IReadOnlyList<SynapseSpec>? synapses = null) =>
        new(new CellTemplate("one_compartment",
            [new SectionSpec("soma", 10.0, 10.0, 100.0, 1.0, -65.0, null, 0.0, new Point3(0, 0, 0), new Point3(0, 0, 10))],
            new Dictionary<string, IReadOnlyList<Mechanism>>(), synapses ?? [], ["soma"], [], measuresDipole: false));

    // kca.mod rates(cai): cai (mM), ninf, ntau (ms).
    private static readonly double[][] KcaRows =
    [
        [0.0, 0.0, 200.9349533941079],
        [5e-05, 2.4999375015624612e-05, 200.92993014585426],
        [0.0001, 4.9997500124993755e-05, 200.92490714875046],
        [0.001, 0.0004997501249375313, 200.8345361260449],
        [0.01, 0.004975124378109453, 199.93527700906262],
        [1.0, 0.33333333333333337, 133.95663559607195],
    ];

    /// <summary>Kca.SteadyState(cai) = ninf = Ra·cai/(Ra·cai + Rb) of kca.mod.</summary>
    [Fact]
    public void Kca_SteadyState_MatchesNmodlFormula() =>
        Nmodl.AssertAll(output, "kca ninf", Tolerance, KcaRows.Select(r => (r[0], r[1], Kca.SteadyState(r[0]))));

    // kca one cnexp step: cai, n0, n after dt = 0.025 with kca.mod's ninf, ntau at cai.
    private static readonly double[][] KcaSteps =
    [
        [0.0001, 0.0, 6.220531653355498e-09],
        [0.001, 0.5, 0.49993782578786516],
        [0.05, 0.01, 0.010001835053989577],
        [2.0, 0.9, 0.899900477684439],
    ];

    /// <summary>One AdvanceStates of kca moves n by cnexp with kca.mod's ninf and ntau = 1/tadj/(a + b).</summary>
    [Fact]
    public void Kca_OneStep_IsCnexpWithNmodlSteadyStateAndTau()
    {
        var m = new MembraneState(OneCompartment(), Lanes, Dt, hasCalcium: true);
        var kca = new Kca([10.0], Lanes);
        for (var c = 0; c < Lanes; c++)
        {
            m.Cai![c] = KcaSteps[c % KcaSteps.Length][0];
            kca.States.Single()[c] = KcaSteps[c % KcaSteps.Length][1];
        }
        kca.AdvanceStates(m);
        Nmodl.AssertAll(output, "kca n after one step", Tolerance,
            KcaSteps.Select((r, c) => (r[0], r[2], kca.States.Single()[c])));
    }

    // cad one cnexp step: ca0 (mM), ica (mA/cm²), taur (ms), ca after dt = 0.025. FARADAY is
    // nocmodl's legacy 96485.3; an outward ica (last row) gives no drive ("cannot pump inward").
    private static readonly double[][] CadSteps =
    [
        [0.0001, 0.0, 20.0, 0.0001],
        [0.0001, -0.01, 20.0, 0.0002294724766797723],
        [0.0005, -0.002, 200.0, 0.0005258590665418811],
        [0.0003, 0.05, 20.0, 0.0002997501561849162],
    ];

    /// <summary>One AdvanceStates of cad: cnexp of ca' = drive + (cainf − ca)/taur, drive = max(0, −1e4·ica/(2·F·depth)).</summary>
    [Fact]
    public void Cad_OneStep_MatchesNmodlDerivative()
    {
        var tree = OneCompartment();
        var results = new List<(double, double, double)>();
        foreach (var r in CadSteps)
        {
            var m = new MembraneState(tree, Lanes, Dt, hasCalcium: true);
            Array.Fill(m.Cai!, r[0]);
            Array.Fill(m.Ica!, r[1]);
            new Cad([r[2]]).AdvanceStates(m);
            results.Add((r[1], r[3], m.Cai![0]));
            Assert.All(m.Cai!, x => Assert.Equal(m.Cai![0], x));
        }
        Nmodl.AssertAll(output, "cad ca after one step", Tolerance, results);
    }

    /// <summary>cad's INITIAL: ca = cai = cainf = 1e-4 mM.</summary>
    [Fact]
    public void Cad_Initial_SetsCaiToCainf()
    {
        var m = new MembraneState(OneCompartment(), Lanes, Dt, hasCalcium: true);
        new Cad([20.0]).Initialize(m);
        Nmodl.AssertAll(output, "cad INITIAL cai", 0.0, m.Cai!.Select(x => (0.0, 100e-6, x)));
    }

    // eca = ktf/2·ln(cao/cai), ktf = 1000·8.3134·310.15/96485.309 (NEURON eion.cpp, legacy), cao = 2 mM.
    private static readonly double[][] EcaRows =
    [
        [5e-05, 141.58825826228113],
        [0.0001, 132.32668565108486],
        [0.00025, 120.08355261350523],
        [0.001, 101.56040739111272],
        [0.01, 70.79412913114056],
        [2.0, 0.0],
        [5.0, -12.243133037579641],
    ];

    /// <summary>
    /// CalciumIon.Nernst (scalar, Math.Log) and the ion's vector path in the fused BREAKPOINT pass (Simd.Log)
    /// against Nernst's formula. Tolerance 1e-12 relative, absolute 1e-12 mV where eca = 0.
    /// </summary>
    [Fact]
    public void CalciumIon_ReversalPotential_MatchesNernstFormula()
    {
        Nmodl.AssertAll(output, "eca scalar Nernst", Tolerance, EcaRows.Select(r => (r[0], r[1], CalciumIon.Nernst(r[0], Units.CaOut))));
        var vector = new List<(double, double, double)>();
        foreach (var r in EcaRows)
        {
            var m = new MembraneState(OneCompartment(), Lanes, Dt, hasCalcium: true);
            Array.Fill(m.Cai!, r[0]);
            Array.Fill(m.Ica!, 7.0);
            new FusedMechanisms([new CalciumIon()]).Currents<V128>(m);
            Assert.All(m.Ica!, x => Assert.Equal(0.0, x)); // ica is zeroed before the channels add to it
            vector.Add((r[0], r[1], m.Eca![0]));
        }
        var worstZero = vector.Where(v => v.Item2 == 0.0).Select(v => Math.Abs(v.Item3)).DefaultIfEmpty().Max();
        output.WriteLine($"eca vector at cai = cao: |eca| = {worstZero:E2} mV (tolerance 1e-12)");
        Assert.True(worstZero <= 1e-12);
        Nmodl.AssertAll(output, "eca vector (Simd.Log)", Tolerance, vector.Where(v => v.Item2 != 0.0));
    }

    /// <summary>nrn_nernst's guards: cai ≤ 0 gives +1e6 mV, cao ≤ 0 gives −1e6 mV (exact).</summary>
    [Fact]
    public void CalciumIon_Nernst_GuardsNonPositiveConcentrations()
    {
        Assert.Equal(1e6, CalciumIon.Nernst(0.0, 2.0));
        Assert.Equal(1e6, CalciumIon.Nernst(-1e-9, 2.0));
        Assert.Equal(-1e6, CalciumIon.Nernst(1e-4, 0.0));
        output.WriteLine("Nernst guards: exact");
    }

    // exp2syn.mod INITIAL: tau1, tau2 (ms), factor. (5, 5) and (7, 5) hit tau1 = 0.9999·tau2,
    // (1e-12, 5) hits tau1 = 1e-9·tau2.
    private static readonly double[][] FactorRows =
    [
        [0.5, 5.0, 1.435055183349871],
        [1.0, 20.0, 1.2323999091818731],
        [45.0, 200.0, 1.9896392539612353],
        [5.0, 5.0, 27181.459132353968],
        [7.0, 5.0, 27181.459132353968],
        [1e-12, 5.0, 1.000000021723266],
    ];

    /// <summary>Exp2SynBank.PeakFactor = 1/(exp(−tp/τ2) − exp(−tp/τ1)) with INITIAL's τ1 guards (1e-12 relative).</summary>
    [Fact]
    public void Exp2Syn_PeakFactor_MatchesNmodlInitial() =>
        Nmodl.AssertAll(output, "exp2syn factor", Tolerance, FactorRows.Select(r => (r[0], r[2], Exp2SynBank.PeakFactor(r[0], r[1]))));

    // One event of weight w (µS) at t = 0 then one cnexp step: tau1, tau2, w, A, B.
    private static readonly double[][] SynapseSteps =
    [
        [0.5, 5.0, 0.002, 0.0027301334323693287, 0.002855795631526529],
        [1.0, 20.0, 0.0005, 0.0006009859235039489, 0.0006154301858533892],
    ];

    /// <summary>
    /// The AMPA-like (0.5, 5) and NMDA-like (1, 20) receptors: NET_RECEIVE adds w·factor to A and B,
    /// one step decays them by cnexp with x∞ = 0; then i = (B − A)·(v − e) enters the node as
    /// 100·i/area and g as 100·(B − A)/area.
    /// </summary>
    [Fact]
    public void Exp2Syn_EventThenOneStep_MatchesNmodlStatesAndCurrent()
    {
        SynapseSpec[] specs = [new("soma", Receptors.Ampa, 0.0, 0.5, 5.0), new("soma", Receptors.Nmda, -80.0, 1.0, 20.0)];
        var tree = OneCompartment(specs);
        var bank = new Exp2SynBank(specs, tree, Lanes, Dt);
        bank.Initialize();
        for (var s = 0; s < specs.Length; s++) bank.Receive(s, lane: 1, SynapseSteps[s][2]);
        bank.AdvanceStates(SimdPaths.Default);
        var states = new List<(double, double, double)>();
        for (var s = 0; s < specs.Length; s++)
        {
            states.Add((s, SynapseSteps[s][3], bank.A[s * Lanes + 1]));
            states.Add((s, SynapseSteps[s][4], bank.B[s * Lanes + 1]));
            foreach (var c in Enumerable.Range(0, Lanes).Where(c => c != 1)) Assert.Equal(0.0, bank.A[s * Lanes + c] + bank.B[s * Lanes + c]);
        }
        Nmodl.AssertAll(output, "exp2syn A, B after event + step", Tolerance, states);

        var m = new MembraneState(tree, Lanes, Dt, hasCalcium: false);
        Array.Fill(m.V, -60.0);
        bank.AddCurrents(m);
        var area = Math.PI * 10.0 * 10.0; // π·d·L of the soma, µm²
        double g0 = SynapseSteps[0][4] - SynapseSteps[0][3], g1 = SynapseSteps[1][4] - SynapseSteps[1][3];
        var expectedI = 100.0 * (g0 * (-60.0 - 0.0) + g1 * (-60.0 + 80.0)) / area;
        var expectedG = 100.0 * (g0 + g1) / area;
        Nmodl.AssertAll(output, "exp2syn node current 100·i/area and conductance", 1e-12,
            [(-60.0, expectedI, m.I[1]), (-60.0, expectedG, m.G[1])]);
        Assert.Equal(0.0, m.I[0]);
    }
}
