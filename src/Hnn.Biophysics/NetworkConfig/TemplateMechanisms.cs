using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// A template's mechanisms by section with HNN-core's names and order (docs/dev/io.md §5.2): the
/// distance-dependent ar density evaluated per segment as HNN-core's <c>_compute_section_mechs</c>
/// does it, hh2 at its mod-file defaults written as no parameters.
/// </summary>
internal static class TemplateMechanisms
{
    public static IReadOnlyDictionary<string, IReadOnlyList<StoredMechanism>> Of(CellTemplate template) =>
        template.Sections.ToDictionary(s => s.Name, s => Of(template, s, template.Membranes[s.Name]));

    private static IReadOnlyList<StoredMechanism> Of(CellTemplate template, SectionSpec section, MembraneSpec m)
    {
        static StoredMechanism One(string mech, string parameter, double value) => new(mech, [new StoredParameter(parameter, value)]);
        var atDefaults = m is { GnaBar: 0.12, GkBar: 0.036, Gl: 0.0003, El: -54.3 };
        var hh2 = new StoredMechanism("hh2", atDefaults ? [] :
        [
            new StoredParameter("gkbar_hh2", m.GkBar), new StoredParameter("gnabar_hh2", m.GnaBar),
            new StoredParameter("gl_hh2", m.Gl), new StoredParameter("el_hh2", m.El),
        ]);
        var list = new List<StoredMechanism>();
        if (!m.HasCalcium && m.CatGbar is null && m.Ar is null)
        {
            // The L2 pyramid lists km before hh2 (cells_default.py's mechanism dict order).
            if (m.KmGbar is { } km) list.Add(One("km", "gbar_km", km));
            list.Add(hh2);
            return list;
        }
        list.Add(hh2);
        if (m.CaGbar is { } ca) list.Add(One("ca", "gbar_ca", ca));
        if (m.CadTaur is { } cad) list.Add(One("cad", "taur_cad", cad));
        if (m.KcaGbar is { } kca) list.Add(One("kca", "gbar_kca", kca));
        if (m.KmGbar is { } km2) list.Add(One("km", "gbar_km", km2));
        if (m.CatGbar is { } cat) list.Add(One("cat", "gbar_cat", cat));
        if (m.Ar is { } ar)
            list.Add(ar.ExpTerm == 0
                ? One("ar", "gbar_ar", ar.GbarAtZero)
                : new StoredMechanism("ar", [new StoredParameter("gbar_ar", 0, PerSegmentValues(template, section, ar.At))]));
        return list;
    }

    /// <summary>
    /// HNN-core's per-segment evaluation: d = L/2 plus the length of every ancestor left through its 1 end
    /// (nearest first, as its recursive distance adds them), then f(d − L/2 + x·L) at each segment centre x.
    /// </summary>
    internal static double[] PerSegmentValues(CellTemplate template, SectionSpec section, Func<double, double> f)
    {
        var d = section.Length / 2;
        for (var s = section; s.Parent is not null;)
        {
            var parent = template.Section(s.Parent);
            if (s.ParentEnd == 1) d += parent.Length;
            s = parent;
        }
        var start = d - section.Length / 2;
        return ConfigCellReader.SegmentCentres(section.SegmentCount).Select(x => f(start + x * section.Length)).ToArray();
    }
}
