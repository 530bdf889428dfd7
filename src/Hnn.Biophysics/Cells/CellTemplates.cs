using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// The four cell types of HNN-core's default network (docs/dev/cells.md §4–§6), by name.
/// 3-D points are the final ones (after HNN-core's translation and rescaling to L),
/// relative to the cell position.
/// </summary>
public static class CellTemplates
{
    public const string L2Basket = "L2_basket";
    public const string L2Pyramidal = "L2_pyramidal";
    public const string L5Basket = "L5_basket";
    public const string L5Pyramidal = "L5_pyramidal";

    /// <summary>Cell type names in HNN-core's `net.cell_types` order (fixes gid order).</summary>
    public static readonly IReadOnlyList<string> Names = [L2Basket, L2Pyramidal, L5Basket, L5Pyramidal];

    private static readonly Lazy<IReadOnlyDictionary<string, CellTemplate>> All = new(() =>
        new Dictionary<string, CellTemplate>
        {
            [L2Basket] = Basket(L2Basket, distal: ["soma"]),
            [L2Pyramidal] = BuildL2Pyramidal(),
            [L5Basket] = Basket(L5Basket, distal: []),
            [L5Pyramidal] = BuildL5Pyramidal(),
        });

    /// <summary>The template of <paramref name="cellType"/>; throws naming the allowed types.</summary>
    public static CellTemplate ForType(string cellType) =>
        All.Value.TryGetValue(cellType, out var t)
            ? t
            : throw new ArgumentException(
                $"cell type '{cellType}' is unknown; allowed: {string.Join(", ", Names)}", nameof(cellType));

    public static bool IsKnown(string cellType) => All.Value.ContainsKey(cellType);

    private static readonly double InvSqrt2 = 1.0 / Math.Sqrt(2.0);

    // Both pyramids' basal dendrites point down and out at 45° (docs/dev/cells.md §4.2, §5.2).
    private static Point3 P(double x, double y, double z) => new(x, y, z);

    private static CellTemplate BuildL2Pyramidal()
    {
        const double ra = 200.0, cm = 0.6195, v0 = -71.46;
        var b = 255.0 * InvSqrt2;
        SectionSpec S(string name, double l, double d, string? parent, double end, Point3 a, Point3 z) =>
            new(name, l, d, ra, cm, v0, parent, end, a, z);
        IReadOnlyList<SectionSpec> sections =
        [
            S("soma", 22.1, 23.4, null, 0, P(0, 0, 0), P(0, 0, 22.1)),
            S("apical_trunk", 59.5, 4.25, "soma", 1, P(0, 0, 22.1), P(0, 0, 81.6)),
            S("apical_1", 306.0, 4.08, "apical_trunk", 1, P(0, 0, 81.6), P(0, 0, 387.6)),
            S("apical_tuft", 238.0, 3.4, "apical_1", 1, P(0, 0, 387.6), P(0, 0, 625.6)),
            S("apical_oblique", 340.0, 3.91, "apical_trunk", 1, P(0, 0, 81.6), P(-340, 0, 81.6)),
            S("basal_1", 85.0, 4.25, "soma", 0, P(0, 0, 0), P(0, 0, -85)),
            S("basal_2", 255.0, 2.72, "basal_1", 1, P(0, 0, -85), P(-b, 0, -85 - b)),
            S("basal_3", 255.0, 2.72, "basal_1", 1, P(0, 0, -85), P(b, 0, -85 - b)),
        ];
        // HNN-core's order of mechanisms and parameters (the network configuration file keeps it).
        Mechanism[] Membrane(double gnabar) =>
        [
            new("km", ("gbar_km", 250.0)),
            new("hh2", ("gkbar_hh2", 0.01), ("gnabar_hh2", gnabar), ("gl_hh2", 4.26e-5), ("el_hh2", -65.0)),
        ];
        return Pyramidal(L2Pyramidal, sections, s => Membrane(s.Name == "soma" ? 0.18 : 0.15));
    }

    private static CellTemplate BuildL5Pyramidal()
    {
        const double ra = 200.0, cm = 0.85;
        var b = 255.0 * InvSqrt2;
        SectionSpec S(string name, double l, double d, double v0, string? parent, double end, Point3 a, Point3 z) =>
            new(name, l, d, ra, cm, v0, parent, end, a, z);
        IReadOnlyList<SectionSpec> sections =
        [
            S("soma", 39.0, 28.9, -72.0, null, 0, P(0, 0, 0), P(0, 0, 39)),
            S("apical_trunk", 102.0, 10.2, -72.0, "soma", 1, P(0, 0, 39), P(0, 0, 141)),
            S("apical_1", 680.0, 7.48, -71.32, "apical_trunk", 1, P(0, 0, 141), P(0, 0, 821)),
            S("apical_2", 680.0, 4.93, -69.08, "apical_1", 1, P(0, 0, 821), P(0, 0, 1501)),
            S("apical_tuft", 425.0, 3.4, -67.30, "apical_2", 1, P(0, 0, 1501), P(0, 0, 1926)),
            S("apical_oblique", 255.0, 5.1, -72.0, "apical_trunk", 1, P(0, 0, 141), P(-255, 0, 141)),
            S("basal_1", 85.0, 6.8, -72.0, "soma", 0, P(0, 0, 0), P(0, 0, -85)),
            S("basal_2", 255.0, 8.5, -72.0, "basal_1", 1, P(0, 0, -85), P(-b, 0, -85 - b)),
            S("basal_3", 255.0, 8.5, -72.0, "basal_1", 1, P(0, 0, -85), P(b, 0, -85 - b)),
        ];
        var byName = sections.ToDictionary(s => s.Name);
        // Dendrites: gnabar 0.14, el −71 mV and gbar_ar growing with distance from the soma (docs/dev/cells.md §5.4).
        Mechanism[] Membrane(SectionSpec s)
        {
            var soma = s.Name == "soma";
            var ar = soma
                ? new MechanismParameter("gbar_ar", 1e-6)
                : new MechanismParameter("gbar_ar", 0.0, DistanceRule.Exponential(s, byName, 1e-6, 3e-3));
            return
            [
                new("hh2", ("gkbar_hh2", 0.01), ("gnabar_hh2", soma ? 0.16 : 0.14), ("gl_hh2", 4.26e-5), ("el_hh2", soma ? -65.0 : -71.0)),
                new("ca", ("gbar_ca", 60.0)),
                new("cad", ("taur_cad", 20.0)),
                new("kca", ("gbar_kca", 2e-4)),
                new("km", ("gbar_km", 200.0)),
                new("cat", ("gbar_cat", 2e-4)),
                new Mechanism("ar", [ar]),
            ];
        }
        return Pyramidal(L5Pyramidal, sections, Membrane);
    }

    private static CellTemplate Pyramidal(string name, IReadOnlyList<SectionSpec> sections, Func<SectionSpec, Mechanism[]> membrane)
    {
        var mechanisms = sections.ToDictionary(s => s.Name, s => (IReadOnlyList<Mechanism>)membrane(s));
        var synapses = new List<SynapseSpec>();
        foreach (var s in sections)
        {
            // Somata carry only the inhibitory receptors (docs/dev/cells.md §4.4, §5.5).
            if (s.Name != "soma")
            {
                synapses.Add(new SynapseSpec(s.Name, Receptors.Ampa, 0.0, 0.5, 5.0));
                synapses.Add(new SynapseSpec(s.Name, Receptors.Nmda, 0.0, 1.0, 20.0));
            }
            synapses.Add(new SynapseSpec(s.Name, Receptors.Gabaa, -80.0, 0.5, 5.0));
            synapses.Add(new SynapseSpec(s.Name, Receptors.Gabab, -80.0, 1.0, 20.0));
        }
        return new CellTemplate(name, sections, mechanisms, synapses,
            proximal: ["apical_oblique", "basal_2", "basal_3"], distal: ["apical_tuft"], measuresDipole: true);
    }

    private static CellTemplate Basket(string name, IReadOnlyList<string> distal)
    {
        IReadOnlyList<SectionSpec> sections =
            [new SectionSpec("soma", 39.0, 20.0, 200.0, 0.85, -64.9737, null, 0, P(0, 0, 0), P(0, 0, 39))];
        // hh2 with its mod-file defaults (docs/dev/cells.md §6): HNN-core sets no parameter.
        var mechanisms = new Dictionary<string, IReadOnlyList<Mechanism>> { ["soma"] = [new Mechanism("hh2")] };
        IReadOnlyList<SynapseSpec> synapses =
        [
            new("soma", Receptors.Ampa, 0.0, 0.5, 5.0),
            new("soma", Receptors.Gabaa, -80.0, 0.5, 5.0),
            new("soma", Receptors.Nmda, 0.0, 1.0, 20.0),
        ];
        return new CellTemplate(name, sections, mechanisms, synapses, proximal: ["soma"], distal: distal, measuresDipole: false);
    }
}
