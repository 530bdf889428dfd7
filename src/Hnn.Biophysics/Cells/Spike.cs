namespace Hnn.Biophysics.Cells;

/// <summary>A detected action potential: the cell's index in its population and the time (ms).</summary>
internal readonly record struct Spike(int Cell, double Time);
