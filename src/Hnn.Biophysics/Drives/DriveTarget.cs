namespace Hnn.Biophysics.Drives;

/// <summary>
/// How a drive reaches one target cell type (docs/dev/drives.md §4.1): AMPA and/or NMDA weight (µS, null =
/// no connection with that receptor), base delay (ms) and connection probability.
/// </summary>
public sealed record DriveTarget(string CellType, double? WeightAmpa, double? WeightNmda, double Delay, double Probability)
{
    /// <summary>Receptors in HNN-core's order: ampa first, then nmda (only those given).</summary>
    public IEnumerable<(string Receptor, double Weight)> Receptors
    {
        get
        {
            if (WeightAmpa is { } a) yield return ("ampa", a);
            if (WeightNmda is { } n) yield return ("nmda", n);
        }
    }
}
