using Hnn.Biophysics.Mechanisms;
using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// Checks a cell description before a template is made of it (docs/dev/cells.md §3.8), so that a
/// user's edited cell fails with a message naming the bad value instead of deep in the solver.
/// </summary>
internal static class CellDescriptionCheck
{
    public static CellTemplate Build(
        string name,
        IReadOnlyList<SectionSpec> sections,
        IReadOnlyDictionary<string, IReadOnlyList<Mechanism>> mechanisms,
        IReadOnlyList<SynapseSpec> synapses,
        IReadOnlyList<string> proximal,
        IReadOnlyList<string> distal,
        bool measuresDipole)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(mechanisms);
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(proximal);
        ArgumentNullException.ThrowIfNull(distal);
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a cell type needs a name", nameof(name));
        var ordered = TreeOrder(name, sections);
        var byName = ordered.ToDictionary(s => s.Name);
        foreach (var s in ordered) CheckSection(name, s);

        foreach (var (section, list) in mechanisms)
        {
            if (!byName.TryGetValue(section, out var sec))
                throw Bad(name, $"mechanisms are given for section '{section}', which the cell does not have", Sections(ordered));
            CheckMechanisms(name, sec, list);
        }
        CheckCalcium(name, ordered, mechanisms);

        foreach (var syn in synapses)
        {
            if (!byName.ContainsKey(syn.Section))
                throw Bad(name, $"synapse '{syn.Name}' is on section '{syn.Section}', which the cell does not have", Sections(ordered));
            if (!double.IsFinite(syn.Reversal) || !(syn.Tau1 > 0) || !(syn.Tau2 > 0) || !double.IsFinite(syn.Tau2) || !(syn.Tau1 < syn.Tau2))
                throw Bad(name, $"synapse '{syn.Name}' has e = {syn.Reversal}, tau1 = {syn.Tau1}, tau2 = {syn.Tau2}",
                    "finite e (mV) and 0 < tau1 < tau2 (ms)");
        }
        var duplicate = synapses.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw Bad(name, $"synapse '{duplicate.Key}' is given twice", "one synapse per section and receptor");

        if (proximal.Count == 0) throw Bad(name, "no proximal sections", "at least one section name");
        foreach (var s in proximal.Concat(distal))
            if (!byName.ContainsKey(s))
                throw Bad(name, $"sect_loc names section '{s}', which the cell does not have", Sections(ordered));
        return new CellTemplate(name, ordered, mechanisms, synapses, proximal, distal, measuresDipole);
    }

    // Soma first, then every section once its parent is placed, otherwise in the given order.
    private static SectionSpec[] TreeOrder(string cell, IReadOnlyList<SectionSpec> sections)
    {
        if (sections.Count == 0) throw Bad(cell, "no sections", "at least a 'soma' section");
        var duplicate = sections.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw Bad(cell, $"section '{duplicate.Key}' is given twice", "unique section names");
        var soma = sections.FirstOrDefault(s => s.Name == "soma")
            ?? throw Bad(cell, "no 'soma' section", "a section named 'soma' (the root)");
        if (soma.Parent is not null) throw Bad(cell, $"the soma hangs on '{soma.Parent}'", "the soma is the root of the tree");
        var names = sections.Select(s => s.Name).ToHashSet();
        foreach (var s in sections.Where(s => s.Name != "soma"))
        {
            if (s.Parent is null)
                throw Bad(cell, $"section '{s.Name}' is not connected to the tree", "every section but the soma has a parent (cell_tree)");
            if (!names.Contains(s.Parent))
                throw Bad(cell, $"section '{s.Name}' hangs on '{s.Parent}', which the cell does not have", Sections(sections));
        }
        var placed = new List<SectionSpec> { soma };
        var done = new HashSet<string> { "soma" };
        while (placed.Count < sections.Count)
        {
            var next = sections.FirstOrDefault(s => !done.Contains(s.Name) && done.Contains(s.Parent!))
                ?? throw Bad(cell, "the sections form a loop: " +
                    string.Join(", ", sections.Where(s => !done.Contains(s.Name)).Select(s => s.Name)), "a tree rooted at the soma");
            placed.Add(next);
            done.Add(next.Name);
        }
        return [.. placed];
    }

    private static void CheckSection(string cell, SectionSpec s)
    {
        void Positive(string what, double v, string unit)
        {
            if (!(v > 0) || !double.IsFinite(v)) throw Bad(cell, $"section '{s.Name}': {what} = {v}", $"a finite number > 0 ({unit})");
        }
        Positive("L", s.Length, "µm");
        Positive("diam", s.Diameter, "µm");
        Positive("Ra", s.AxialResistivity, "Ω·cm");
        Positive("cm", s.Capacitance, "µF/cm²");
        if (!double.IsFinite(s.InitialVoltage)) throw Bad(cell, $"section '{s.Name}': v0 = {s.InitialVoltage}", "a finite voltage (mV)");
        if (s.Parent is not null && s.ParentEnd is not (0.0 or 1.0))
            throw Bad(cell, $"section '{s.Name}' hangs at x = {s.ParentEnd} of '{s.Parent}'", "the parent's 0 or 1 end");
        Point3[] ends = [s.Start, s.End];
        if (ends.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z)) || s.Start == s.End)
            throw Bad(cell, $"section '{s.Name}': end_pts {s.Start} → {s.End}", "two different finite 3-D points (they give its direction)");
    }

    private static void CheckMechanisms(string cell, SectionSpec sec, IReadOnlyList<Mechanism> list)
    {
        var seen = new HashSet<string>();
        foreach (var m in list)
        {
            if (!MechanismCatalog.Parameters.TryGetValue(m.Name, out var allowed))
                throw Bad(cell, $"section '{sec.Name}': mechanism '{m.Name}' is not supported", MechanismCatalog.AllowedMechanisms);
            if (!seen.Add(m.Name)) throw Bad(cell, $"section '{sec.Name}': mechanism '{m.Name}' is inserted twice", "each mechanism once");
            foreach (var p in m.Parameters)
            {
                var info = MechanismCatalog.Find(m.Name, p.Name)
                    ?? throw Bad(cell, $"section '{sec.Name}': '{p.Name}' is not a parameter of {m.Name}", string.Join(", ", allowed.Select(a => a.Name)));
                var values = p.PerSegment ?? [p.Value];
                if (p.PerSegment is not null && p.PerSegment.Count != sec.SegmentCount)
                    throw Bad(cell, $"section '{sec.Name}': {p.Name} has {p.PerSegment.Count} per-segment values",
                        $"{sec.SegmentCount}, one per segment (nseg for L = {sec.Length} µm)");
                foreach (var v in values)
                    if (!double.IsFinite(v) || (!info.MayBeNegative && v < 0))
                        throw Bad(cell, $"section '{sec.Name}': {p.Name} = {v}",
                            info.MayBeNegative ? $"a finite number ({info.Unit})" : $"a finite number >= 0 ({info.Unit})");
            }
        }
    }

    // The solver keeps one cai per segment through cad; a calcium-using channel without cad in its
    // section would read a concentration NEURON holds constant there (docs/dev/cells.md §3.8).
    private static void CheckCalcium(string cell, IReadOnlyList<SectionSpec> sections, IReadOnlyDictionary<string, IReadOnlyList<Mechanism>> mechanisms)
    {
        foreach (var s in sections)
        {
            if (!mechanisms.TryGetValue(s.Name, out var list)) continue;
            var user = list.FirstOrDefault(m => MechanismCatalog.UseCalcium.Contains(m.Name));
            if (user is not null && list.All(m => m.Name != "cad"))
                throw Bad(cell, $"section '{s.Name}' has {user.Name} but not cad", "ca, kca and cat only where cad is inserted too");
        }
    }

    private static string Sections(IEnumerable<SectionSpec> sections) => string.Join(", ", sections.Select(s => s.Name));

    private static ArgumentException Bad(string cell, string what, string allowed) =>
        new($"cell type '{cell}': {what}; allowed: {allowed}");
}
