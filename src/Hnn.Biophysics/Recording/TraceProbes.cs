using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Recording;

/// <summary>The three quantities a network run can record (docs/dev/recordings.md §1).</summary>
internal enum TraceQuantity
{
    Vsec,
    Isec,
    Ca,
}

/// <summary>One recorded trace of a cell: its column name (a section, or a synapse "section_receptor") and the node or synapse it reads.</summary>
internal readonly record struct TraceProbe(string Name, int Index);

/// <summary>
/// What one cell of a type records, in file order (docs/dev/recordings.md §2): the potentials at the middle
/// of each section, the currents of each synapse of those sections in the cell's synapse order, and the
/// calcium concentrations of the sections that have calcium.
/// </summary>
internal sealed class TraceProbes
{
    // Mechanisms that bring the calcium ion into a section (NEURON then has cai there).
    private static readonly HashSet<string> CalciumMechanisms = [.. Mechanisms.MechanismCatalog.UseCalcium, "cad"];

    private TraceProbes(TraceProbe[] vsec, TraceProbe[] isec, TraceProbe[] ca)
    {
        Vsec = vsec;
        Isec = isec;
        Ca = ca;
    }

    public static TraceProbes None { get; } = new([], [], []);

    public TraceProbe[] Vsec { get; }
    public TraceProbe[] Isec { get; }
    public TraceProbe[] Ca { get; }

    /// <summary>Values per cell and sample: the three quantities side by side.</summary>
    public int PerCell => Vsec.Length + Isec.Length + Ca.Length;

    public TraceProbe[] Of(TraceQuantity q) => q switch
    {
        TraceQuantity.Vsec => Vsec,
        TraceQuantity.Isec => Isec,
        _ => Ca,
    };

    /// <summary>Where quantity <paramref name="q"/> starts among a cell's <see cref="PerCell"/> values.</summary>
    public int Offset(TraceQuantity q) => q switch
    {
        TraceQuantity.Vsec => 0,
        TraceQuantity.Isec => Vsec.Length,
        _ => Vsec.Length + Isec.Length,
    };

    /// <summary>What each cell of <paramref name="tree"/>'s type records under <paramref name="spec"/>.</summary>
    public static TraceProbes For(Solver.CableTree tree, RecordSpec spec)
    {
        if (!spec.Any) return None;
        var template = tree.Template;
        IEnumerable<string> Sections(RecordScope scope) => scope switch
        {
            RecordScope.All => template.SectionNames,
            RecordScope.Soma => template.SectionNames.Where(s => s == "soma"),
            _ => [],
        };
        var vsec = Sections(spec.Vsec).Select(s => new TraceProbe(s, tree.NodeAt(s, 0.5))).ToArray();
        var isecSections = Sections(spec.Isec).ToHashSet();
        var isec = template.Synapses.Select((syn, i) => (syn, i)).Where(x => isecSections.Contains(x.syn.Section))
            .OrderBy(x => template.SectionIndex(x.syn.Section)).ThenBy(x => x.i)
            .Select(x => new TraceProbe(x.syn.Name, x.i)).ToArray();
        var ca = Sections(spec.Ca)
            .Where(s => template.Mechanisms.TryGetValue(s, out var ms) && ms.Any(m => CalciumMechanisms.Contains(m.Name)))
            .Select(s => new TraceProbe(s, tree.NodeAt(s, 0.5))).ToArray();
        return new TraceProbes(vsec, isec, ca);
    }
}
