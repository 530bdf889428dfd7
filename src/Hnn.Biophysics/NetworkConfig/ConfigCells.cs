using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Turns a cell type read from a configuration file into the template that runs (docs/dev/io.md §5.5):
/// the built-in template when the file describes exactly it (same sections, geometry, mechanism
/// values, synapses and target groups; end points within 1e-9 µm and per-segment densities within
/// 4 ulp, as HNN-core's own arithmetic leaves them), otherwise a template made from the description.
/// </summary>
internal static class ConfigCells
{
    public static CellTemplate ToTemplate(CellDescription cell)
    {
        if (CellTemplates.IsKnown(cell.TypeName) && FirstDifference(cell, CellTemplates.ForType(cell.TypeName)) is null)
            return CellTemplates.ForType(cell.TypeName);
        var template = CellTemplate.Create(cell.TypeName, cell.Sections, cell.Mechanisms, cell.Synapses, cell.Proximal, cell.Distal,
            cell.Metadata.MeasureDipole);
        ConfigCellWriter.Remember(template, cell);
        return template;
    }

    /// <summary>Null when <paramref name="cell"/> is <paramref name="template"/>, else the first difference in words.</summary>
    public static string? FirstDifference(CellDescription cell, CellTemplate template)
    {
        if (cell.Metadata.MeasureDipole != template.MeasuresDipole) return $"measure_dipole is {cell.Metadata.MeasureDipole.ToString().ToLowerInvariant()}";
        if (!cell.Sections.Select(s => s.Name).SequenceEqual(template.SectionNames))
            return $"sections {string.Join(", ", cell.Sections.Select(s => s.Name))} instead of {string.Join(", ", template.SectionNames)}";
        foreach (var s in cell.Sections)
        {
            var t = template.Section(s.Name);
            if (s.Length != t.Length) return $"{s.Name}.L is {s.Length}, not {t.Length}";
            if (s.Diameter != t.Diameter) return $"{s.Name}.diam is {s.Diameter}, not {t.Diameter}";
            if (s.AxialResistivity != t.AxialResistivity) return $"{s.Name}.Ra is {s.AxialResistivity}, not {t.AxialResistivity}";
            if (s.Capacitance != t.Capacitance) return $"{s.Name}.cm is {s.Capacitance}, not {t.Capacitance}";
            if (s.InitialVoltage != t.InitialVoltage) return $"{s.Name}.v0 is {s.InitialVoltage}, not {t.InitialVoltage}";
            if (s.Parent != t.Parent || s.ParentEnd != t.ParentEnd) return $"{s.Name} attaches to {s.Parent},{s.ParentEnd}, not {t.Parent},{t.ParentEnd}";
            if (!Near(s.Start, t.Start) || !Near(s.End, t.End)) return $"{s.Name}.end_pts differ";
            var builtIn = template.Mechanisms.TryGetValue(s.Name, out var b) ? b : [];
            if (MechanismDifference(cell.Mechanisms[s.Name], builtIn) is { } m) return $"{s.Name}.mechs: {m}";
        }
        if (!cell.Synapses.SequenceEqual(template.Synapses)) return "synapses or syns differ";
        if (!cell.Proximal.SequenceEqual(template.ProximalSections) || !cell.Distal.SequenceEqual(template.DistalSections))
            return "sect_loc differs";
        return null;
    }

    private static string? MechanismDifference(IReadOnlyList<Mechanism> stored, IReadOnlyList<Mechanism> builtIn)
    {
        // Order does not change what runs; names and values do.
        var a = stored.ToDictionary(m => m.Name);
        var b = builtIn.ToDictionary(m => m.Name);
        if (!a.Keys.Order().SequenceEqual(b.Keys.Order())) return $"{string.Join(", ", a.Keys)} instead of {string.Join(", ", b.Keys)}";
        foreach (var (name, m) in a)
        {
            var pa = m.Parameters.ToDictionary(p => p.Name);
            var pb = b[name].Parameters.ToDictionary(p => p.Name);
            if (!pa.Keys.Order().SequenceEqual(pb.Keys.Order())) return $"{name} sets {string.Join(", ", pa.Keys)} instead of {string.Join(", ", pb.Keys)}";
            foreach (var (pn, p) in pa)
            {
                var q = pb[pn];
                if ((p.PerSegment is null) != (q.PerSegment is null)) return $"{pn} is {(p.PerSegment is null ? "uniform" : "per segment")}";
                if (p.PerSegment is null ? p.Value != q.Value : !p.PerSegment.SequenceEqual(q.PerSegment!, UlpComparer)) return $"{pn} differs";
            }
        }
        return null;
    }

    /// <summary>
    /// Per-segment densities are HNN-core's exp evaluated by numpy, whose vectorised exp differs from
    /// the C library's by 1–2 ulp at some arguments (docs/dev/io.md §5.4); 4 ulp still tells edits apart.
    /// </summary>
    internal static readonly IEqualityComparer<double> UlpComparer = EqualityComparer<double>.Create(
        (a, b) => a == b || Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b)) <= 4, _ => 0);

    private static bool Near(Point3 a, Point3 b) =>
        Math.Abs(a.X - b.X) <= 1e-9 && Math.Abs(a.Y - b.Y) <= 1e-9 && Math.Abs(a.Z - b.Z) <= 1e-9;
}
