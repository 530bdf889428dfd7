using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// The L5 pyramid of HNN-core's <c>calcium_model</c> (docs/dev/cells.md §10.2): a stronger somatic
/// spike (gkbar_hh2 0.06, gnabar_hh2 0.32 S/cm²) and dendritic densities that change with the
/// distance d from the soma — gbar_ca rising linearly from 10 to 40 pS/µm² at 1501 µm, gnabar_hh2
/// falling linearly from 0.32 to 0.0028 S/cm² at 962 µm, gkbar_hh2 = 0.06·(exp(−0.006·d) + 1e-4).
/// </summary>
internal static class CalciumCells
{
    private const double SomaGk = 0.06, SomaGna = 0.32;

    private static readonly Lazy<CellTemplate> L5 = new(Build);

    public static CellTemplate L5Pyramidal => L5.Value;

    private static CellTemplate Build()
    {
        var t = CellTemplates.ForType(CellTemplates.L5Pyramidal);
        var byName = t.Sections.ToDictionary(s => s.Name);
        return t.With(mechanisms: t.Sections.ToDictionary(s => s.Name,
            s => (IReadOnlyList<Mechanism>)t.Mechanisms[s.Name].Select(m => Retuned(m, s, byName)).ToArray()));
    }

    private static Mechanism Retuned(Mechanism m, SectionSpec s, IReadOnlyDictionary<string, SectionSpec> sections)
    {
        var soma = s.Name == "soma";
        MechanismParameter Ramp(MechanismParameter p, double[] values) => new(p.Name, 0.0, values);
        MechanismParameter Each(MechanismParameter p) => (m.Name, p.Name, soma) switch
        {
            ("hh2", "gkbar_hh2", true) => p with { Value = SomaGk },
            ("hh2", "gnabar_hh2", true) => p with { Value = SomaGna },
            ("hh2", "gkbar_hh2", false) => Ramp(p, DistanceRule.Exponential(s, sections, SomaGk, -0.006, 1e-4)),
            ("hh2", "gnabar_hh2", false) => Ramp(p, DistanceRule.Linear(s, sections, SomaGna, 28e-4, 962)),
            ("ca", "gbar_ca", false) => Ramp(p, DistanceRule.Linear(s, sections, 10.0, 40.0, 1501)),
            _ => p,
        };
        return m with { Parameters = m.Parameters.Select(Each).ToArray() };
    }
}
