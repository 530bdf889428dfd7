using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// The cells of HNN-core's <c>law_2021_model</c> (docs/dev/cells.md §10.1): both pyramids with a
/// slow GABAb synapse (rise 45 ms, decay 200 ms), and the L5 pyramid without the <c>ca</c> channel
/// in its soma and basal dendrites. Everything else is the default template.
/// </summary>
internal static class Law2021Cells
{
    public const double GababTau1 = 45.0, GababTau2 = 200.0;

    private static readonly string[] SectionsWithoutCa = ["soma", "basal_1", "basal_2", "basal_3"];

    private static readonly Lazy<CellTemplate> L2 = new(() => SlowGabab(CellTemplates.ForType(CellTemplates.L2Pyramidal)));
    private static readonly Lazy<CellTemplate> L5 = new(() => WithoutCa(SlowGabab(CellTemplates.ForType(CellTemplates.L5Pyramidal))));

    public static CellTemplate L2Pyramidal => L2.Value;

    public static CellTemplate L5Pyramidal => L5.Value;

    private static CellTemplate SlowGabab(CellTemplate t) =>
        t.With(synapses: t.Synapses.Select(s => s.Receptor == Receptors.Gabab ? s with { Tau1 = GababTau1, Tau2 = GababTau2 } : s).ToArray());

    private static CellTemplate WithoutCa(CellTemplate t) =>
        t.With(mechanisms: t.Mechanisms.ToDictionary(kv => kv.Key,
            kv => SectionsWithoutCa.Contains(kv.Key) ? kv.Value.Where(m => m.Name != "ca").ToArray() : kv.Value));
}
