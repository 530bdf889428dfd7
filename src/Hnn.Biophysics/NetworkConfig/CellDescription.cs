using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>One mechanism parameter as stored: a number, or one value per segment (HNN-core's [[x…], [v…]]).</summary>
internal sealed record StoredParameter(string Name, double Value, IReadOnlyList<double>? PerSegment = null);

/// <summary>One mechanism of a section as stored, parameters in file order; none = the mod file's defaults.</summary>
internal sealed record StoredMechanism(string Name, IReadOnlyList<StoredParameter> Parameters);

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
    IReadOnlyDictionary<string, IReadOnlyList<StoredMechanism>> Mechanisms,
    IReadOnlyList<SynapseSpec> Synapses,
    IReadOnlyList<string> Proximal,
    IReadOnlyList<string> Distal,
    CellMetadata Metadata);
