namespace Hnn.Biophysics.Drives;

/// <summary>One replayed source: its id (e.g. "NetA_L5_pyramidal_GID236") and its spike times, sorted.</summary>
public sealed record SpikeSource(string Id, IReadOnlyList<double> Times);
