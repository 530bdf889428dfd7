using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Cells;

/// <summary>
/// A cell type's full description (docs/dev/cells.md): sections in tree order (parents first),
/// channel densities per section, synapses, target groups, and whether it contributes to
/// the dipole. Immutable; a population builds its solver state from it.
/// </summary>
public sealed class CellTemplate
{
    internal CellTemplate(
        string name,
        IReadOnlyList<SectionSpec> sections,
        IReadOnlyDictionary<string, MembraneSpec> membranes,
        IReadOnlyList<SynapseSpec> synapses,
        IReadOnlyList<string> proximal,
        IReadOnlyList<string> distal,
        bool measuresDipole)
    {
        Name = name;
        Sections = sections;
        Membranes = membranes;
        Synapses = synapses;
        ProximalSections = proximal;
        DistalSections = distal;
        MeasuresDipole = measuresDipole;
    }

    /// <summary>HNN-core cell type name, e.g. "L5_pyramidal".</summary>
    public string Name { get; }

    /// <summary>Sections in tree order: every parent before its children; soma first.</summary>
    public IReadOnlyList<SectionSpec> Sections { get; }

    /// <summary>Channel densities by section name.</summary>
    public IReadOnlyDictionary<string, MembraneSpec> Membranes { get; }

    /// <summary>Every Exp2Syn of the cell (one per section and receptor present there).</summary>
    public IReadOnlyList<SynapseSpec> Synapses { get; }

    /// <summary>Sections a "proximal" connection targets (docs/dev/cells.md sect_loc).</summary>
    public IReadOnlyList<string> ProximalSections { get; }

    /// <summary>Sections a "distal" connection targets; empty for L5_basket.</summary>
    public IReadOnlyList<string> DistalSections { get; }

    /// <summary>Pyramidal cells carry the dipole mechanisms (docs/dev/dipole.md §1).</summary>
    public bool MeasuresDipole { get; }

    public IEnumerable<string> SectionNames => Sections.Select(s => s.Name);

    public SectionSpec Section(string name) =>
        Sections.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException(
            $"section '{name}' does not exist on {Name}; allowed: {string.Join(", ", SectionNames)}",
            nameof(name));

    public int SectionIndex(string name)
    {
        for (var i = 0; i < Sections.Count; i++)
            if (Sections[i].Name == name) return i;
        throw new ArgumentException(
            $"section '{name}' does not exist on {Name}; allowed: {string.Join(", ", SectionNames)}",
            nameof(name));
    }

    /// <summary>
    /// The sections a connection with location <paramref name="location"/> targets:
    /// "proximal", "distal" or a single section name (docs/dev/cells.md §3.6).
    /// </summary>
    public IReadOnlyList<string> SectionsFor(string location) => location switch
    {
        "proximal" => ProximalSections,
        "distal" => DistalSections,
        _ when Sections.Any(s => s.Name == location) => [location],
        _ => throw new ArgumentException(
            $"location '{location}' is not valid for {Name}; allowed: proximal, distal, {string.Join(", ", SectionNames)}",
            nameof(location)),
    };

    public bool HasSynapse(string section, string receptor) =>
        Synapses.Any(s => s.Section == section && s.Receptor == receptor);

    public SynapseSpec Synapse(string section, string receptor) =>
        Synapses.FirstOrDefault(s => s.Section == section && s.Receptor == receptor)
        ?? throw new ArgumentException(
            $"{Name} has no '{receptor}' synapse on section '{section}'; receptors there: " +
            string.Join(", ", Synapses.Where(s => s.Section == section).Select(s => s.Receptor)),
            nameof(receptor));

    /// <summary>
    /// Path length from the soma's 0 end to the 0 end of <paramref name="section"/> (µm),
    /// HNN-core's tree walk with nominal lengths (docs/dev/cells.md §5.4).
    /// </summary>
    public double PathDistanceToStart(string section)
    {
        var spec = Section(section);
        if (spec.Parent is null) return 0.0;
        var parent = Section(spec.Parent);
        return PathDistanceToStart(parent.Name) + spec.ParentEnd * parent.Length;
    }
}
