using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// One section as the transfer resistances see it (docs/dev/extracellular.md §5): the straight line from
/// its first to its last 3-D point as NEURON stores them (float32 coordinates, in network
/// coordinates, µm), NEURON's length L (µm, the arc length of those points) and nseg.
/// </summary>
internal readonly record struct SectionLine(string Name, Point3 Start, Point3 End, double Length, int SegmentCount);
