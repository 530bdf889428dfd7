using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>HNN-core's cell_metadata (docs/dev/io.md §5.2); only measure_dipole changes the simulation.</summary>
internal sealed record CellMetadata(string MorphoType, string ElectroType, string Layer, bool MeasureDipole, string Reference);

/// <summary>
/// A cell type as a network configuration file describes it (docs/dev/io.md §5.2): sections in tree order
/// (soma first), their mechanisms, synapses and target groups, the template name HNN-core keeps
/// ("L5Pyr") and the metadata. <see cref="ConfigCells"/> turns it into a cell template.
/// </summary>
internal sealed record CellDescription(
    string TypeName,
    string TemplateName,
    IReadOnlyList<SectionSpec> Sections,
    IReadOnlyList<string> FileSectionOrder,
    IReadOnlyDictionary<string, IReadOnlyList<Mechanism>> Mechanisms,
    IReadOnlyList<SynapseSpec> Synapses,
    IReadOnlyList<string> Proximal,
    IReadOnlyList<string> Distal,
    CellMetadata Metadata);
