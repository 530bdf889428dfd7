namespace Hnn.Host.Plots;

/// <summary>
/// One network's spikes for one raster panel: parallel arrays as in a spike file
/// (time in ms, gid, cell type), e.g. a <c>TrialResult</c>'s or a trial of a <c>CellResponse</c>.
/// </summary>
public sealed record RasterPanel(string Title, double[] SpikeTimes, int[] SpikeGids, string[] SpikeTypes);
