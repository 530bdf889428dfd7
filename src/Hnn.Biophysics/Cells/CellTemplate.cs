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
        IReadOnlyDictionary<string, IReadOnlyList<Mechanism>> mechanisms,
        IReadOnlyList<SynapseSpec> synapses,
        IReadOnlyList<string> proximal,
        IReadOnlyList<string> distal,
        bool measuresDipole)
    {
        // Plain arrays and dictionaries: a template travels to cluster workers, whose type allow-list
        // admits no compiler-generated collection (docs/dev/epoch-protocol.md §6).
        Name = name;
        Sections = sections.ToArray();
        Mechanisms = mechanisms.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Mechanism>)kv.Value.ToArray());
        Synapses = synapses.ToArray();
        ProximalSections = proximal.ToArray();
        DistalSections = distal.ToArray();
        MeasuresDipole = measuresDipole;
    }

    /// <summary>HNN-core cell type name, e.g. "L5_pyramidal".</summary>
    public string Name { get; }

    /// <summary>Sections in tree order: every parent before its children; soma first.</summary>
    public IReadOnlyList<SectionSpec> Sections { get; }

    /// <summary>The mechanisms inserted in each section, by section name (absent: none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Mechanism>> Mechanisms { get; }

    /// <summary>
    /// A cell type from a description, e.g. one read from an HNN-core network configuration file
    /// (docs/dev/cells.md §3.8). Sections may come in any order; they are put in tree order
    /// (soma first, every parent before its children, otherwise as given). Throws naming the
    /// cell, section, mechanism or parameter that is wrong and what is allowed.
    /// </summary>
    /// <param name="mechanisms">By section name; a section missing here has no mechanisms.</param>
    /// <param name="proximal">Sections a "proximal" connection targets.</param>
    /// <param name="distal">Sections a "distal" connection targets (may be empty).</param>
    /// <param name="measuresDipole">Whether the cell contributes to the dipole (pyramidal cells).</param>
    public static CellTemplate Create(
        string name,
        IReadOnlyList<SectionSpec> sections,
        IReadOnlyDictionary<string, IReadOnlyList<Mechanism>> mechanisms,
        IReadOnlyList<SynapseSpec> synapses,
        IReadOnlyList<string> proximal,
        IReadOnlyList<string> distal,
        bool measuresDipole) =>
        CellDescriptionCheck.Build(name, sections, mechanisms, synapses, proximal, distal, measuresDipole);

    /// <summary>This cell type with other channel densities and/or synapses (a model variant, docs/dev/cells.md §10).</summary>
    internal CellTemplate With(
        IReadOnlyDictionary<string, IReadOnlyList<Mechanism>>? mechanisms = null,
        IReadOnlyList<SynapseSpec>? synapses = null) =>
        new(Name, Sections, mechanisms ?? Mechanisms, synapses ?? Synapses, ProximalSections, DistalSections, MeasuresDipole);

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

    /// <summary>The mechanism <paramref name="mechanism"/> of a section, or null when it is not inserted there.</summary>
    public Mechanism? MechanismOf(string section, string mechanism) =>
        Mechanisms.TryGetValue(section, out var list) ? list.FirstOrDefault(m => m.Name == mechanism) : null;
}
