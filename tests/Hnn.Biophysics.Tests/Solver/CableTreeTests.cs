using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Solver;

/// <summary>
/// CableTree's numbering and constant coefficients (docs/dev/numerics.md §2–§3, docs/dev/cells.md §3.7)
/// for a hand-made four-section cell, against values worked out by hand below:
/// <code>
///   soma   L 20,  d 20,  Ra 200, nseg 1, root
///   dend   L 150, d 2.5, Ra 100, nseg 3, on soma(1)
///   basal  L 100, d 0.7, Ra 150, nseg 1, on soma(0)  (d used as float32: 0.699999988079071)
///   tuft   L 50,  d 1.5, Ra 100, nseg 1, on dend(1)
/// nodes: 0 root (soma x=0) · 1 soma · 2 soma(1) · 3 4 5 dend · 6 dend(1) · 7 basal · 8 basal(1) · 9 tuft · 10 tuft(1)
/// </code>
/// r½ = 1e-2·Ra·(L/(2·nseg))/(π·d²/4) MΩ; a segment's first link is r½, inner links 2·r½, the end
/// node's link r½. Areas π·d·L/nseg, 100 µm² for zero-area nodes. B_i = −100/(r_i·area_i),
/// A_i = −100/(r_i·area_parent(i)). Exact for integers and parents; 1e-14 relative for the reals
/// (the code divides in a different order), measured error printed.
/// </summary>
public sealed class CableTreeTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-14;
    private const double Basal = 0.699999988079071044921875; // (float)0.7

    private static readonly CableTree Tree = new(new CellTemplate("hand_made",
        [
            new SectionSpec("soma", 20.0, 20.0, 200.0, 1.0, -65.0, null, 0.0, new Point3(0, 0, 0), new Point3(0, 0, 20)),
            new SectionSpec("dend", 150.0, 2.5, 100.0, 1.0, -65.0, "soma", 1.0, new Point3(0, 0, 20), new Point3(0, 0, 170)),
            new SectionSpec("basal", 100.0, 0.7, 150.0, 1.0, -65.0, "soma", 0.0, new Point3(0, 0, 0), new Point3(0, 0, -100)),
            new SectionSpec("tuft", 50.0, 1.5, 100.0, 1.0, -65.0, "dend", 1.0, new Point3(0, 0, 170), new Point3(0, 0, 220)),
        ],
        new Dictionary<string, IReadOnlyList<Mechanism>>(), [], ["soma"], ["tuft"], measuresDipole: false));

    // Half-segment resistances (MΩ), each written out from its section's numbers.
    private static readonly double RSoma = 1e-2 * 200.0 * (20.0 / 2.0) / (Math.PI * 20.0 * 20.0 / 4.0);
    private static readonly double RDend = 1e-2 * 100.0 * (150.0 / 6.0) / (Math.PI * 2.5 * 2.5 / 4.0);
    private static readonly double RBasal = 1e-2 * 150.0 * (100.0 / 2.0) / (Math.PI * Basal * Basal / 4.0);
    private static readonly double RTuft = 1e-2 * 100.0 * (50.0 / 2.0) / (Math.PI * 1.5 * 1.5 / 4.0);

    private static readonly int[] Parents = [-1, 0, 1, 2, 3, 4, 5, 0, 7, 6, 9];
    private static readonly double[] Areas =
        [100.0, Math.PI * 20.0 * 20.0, 100.0, Math.PI * 2.5 * 50.0, Math.PI * 2.5 * 50.0, Math.PI * 2.5 * 50.0, 100.0,
         Math.PI * Basal * 100.0, 100.0, Math.PI * 1.5 * 50.0, 100.0];
    private static readonly double[] Links =
        [double.PositiveInfinity, RSoma, RSoma, RDend, 2 * RDend, 2 * RDend, RDend, RBasal, RBasal, RTuft, RTuft];

    private void AssertClose(string what, double[] expected, double[] actual, int from = 0)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = from; i < expected.Length; i++)
        {
            var err = Math.Abs(actual[i] - expected[i]) / Math.Abs(expected[i]);
            Assert.True(err <= Tolerance, $"{what}[{i}] = {actual[i]:R}, by hand {expected[i]:R} (relative error {err:E2})");
            worst = Math.Max(worst, err);
        }
        output.WriteLine($"{what}: {expected.Length - from} nodes, max relative error {worst:E2} (tolerance {Tolerance:E0})");
    }

    [Fact]
    public void CableTree_NumbersNodesParentsFirstWithEndNodes()
    {
        Assert.Equal(11, Tree.NodeCount);
        Assert.Equal(Parents, Tree.Parent);
        Assert.Equal([1, 3, 4, 5, 7, 9], Tree.MembraneNodes);
        Assert.Equal([1, 3, 7, 9], Tree.FirstMembraneNode);
        Assert.Equal([2, 6, 8, 10], Tree.EndNode);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3], Tree.SectionOfNode);
        Assert.Equal([false, true, false, true, true, true, false, true, false, true, false], Tree.IsMembrane);
        for (var i = 1; i < Tree.NodeCount; i++) Assert.True(Tree.Parent[i] < i, $"parent of {i} does not precede it");
        output.WriteLine("node numbering, parents, membrane/end nodes: exact");
    }

    [Fact]
    public void CableTree_SegmentsAreNamedByPosition()
    {
        Assert.Equal(1, Tree.NodeAt("soma", 0.5));
        Assert.Equal(3, Tree.NodeAt("dend", 0.0));
        Assert.Equal(3, Tree.NodeAt("dend", 0.3));
        Assert.Equal(4, Tree.NodeAt("dend", 0.5));
        Assert.Equal(5, Tree.NodeAt("dend", 1.0));
        Assert.Equal(9, Tree.NodeAt("tuft", 0.5));
        Assert.Equal(2, Tree.MembraneIndex(4));
        Assert.Equal(5, Tree.MembraneIndex(9));
        Assert.Throws<ArgumentException>(() => Tree.MembraneIndex(2));
        output.WriteLine("NodeAt / MembraneIndex: exact");
    }

    [Fact]
    public void CableTree_AreasArePiDLOverNsegAndHundredForZeroAreaNodes() => AssertClose("area", Areas, Tree.Area);

    [Fact]
    public void CableTree_LinkResistancesAreHalfSegmentResistances()
    {
        Assert.Equal(double.PositiveInfinity, Tree.LinkResistance[0]);
        AssertClose("link resistance", Links, Tree.LinkResistance, from: 1);
    }

    /// <summary>The solver uses the float32 rounding of each diameter (0.7 → 0.699999988079071).</summary>
    [Fact]
    public void CableTree_UsesFloat32Diameters()
    {
        var exact = Math.PI * 0.7 * 100.0;
        output.WriteLine($"basal area {Tree.Area[7]:R} µm² (π·0.7·100 = {exact:R}, float32 diameter gives {Math.PI * Basal * 100.0:R})");
        Assert.NotEqual(exact, Tree.Area[7]);
        AssertClose("basal area (float32 d)", [Math.PI * Basal * 100.0], [Tree.Area[7]]);
    }

    [Fact]
    public void CableTree_CoefficientsAreMinusHundredConductanceOverArea()
    {
        var b = new double[11];
        var a = new double[11];
        for (var i = 1; i < 11; i++)
        {
            b[i] = -100.0 / (Links[i] * Areas[i]);
            a[i] = -100.0 / (Links[i] * Areas[Parents[i]]);
        }
        Assert.Equal(0.0, Tree.CoefA[0]);
        Assert.Equal(0.0, Tree.CoefB[0]);
        AssertClose("CoefB", b, Tree.CoefB, from: 1);
        AssertClose("CoefA", a, Tree.CoefA, from: 1);
    }

    /// <summary>AxialDiagonal_i = −B_i − Σ over children c of A_c, children read off the drawing.</summary>
    [Fact]
    public void CableTree_AxialDiagonalSumsOwnAndChildLinks()
    {
        double B(int i) => -100.0 / (Links[i] * Areas[i]);
        double A(int c) => -100.0 / (Links[c] * Areas[Parents[c]]);
        double[] expected =
        [
            -A(1) - A(7),         // root: soma and basal hang on it
            -B(1) - A(2),
            -B(2) - A(3),         // soma(1): dend's first segment
            -B(3) - A(4),
            -B(4) - A(5),
            -B(5) - A(6),
            -B(6) - A(9),         // dend(1): tuft
            -B(7) - A(8),
            -B(8),
            -B(9) - A(10),
            -B(10),
        ];
        AssertClose("AxialDiagonal", expected, Tree.AxialDiagonal);
    }
}
