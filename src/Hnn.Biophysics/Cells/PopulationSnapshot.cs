namespace Hnn.Biophysics.Cells;

/// <summary>
/// A population's evolving state at a step boundary (a checkpoint): plain arrays and records,
/// so it can be stored or sent to another node and restored there.
/// </summary>
internal sealed record PopulationSnapshot(
    double Time, int StepCount, double[][] Arrays, bool[] Armed, SynapticEvent[] Events, Spike[] PendingSpikes);
