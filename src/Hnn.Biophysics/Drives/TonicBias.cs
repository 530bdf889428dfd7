namespace Hnn.Biophysics.Drives;

/// <summary>
/// A tonic current clamp on every cell of one type (docs/dev/drives.md §4.4 add_tonic_bias): amplitude in
/// nA at <see cref="Section"/>(0.5) from <see cref="T0"/> to <see cref="TStop"/> ms (null = end of
/// the simulation).
/// </summary>
public sealed record TonicBias(string Name, string CellType, double Amplitude, double T0, double? TStop, string Section)
{
    /// <summary>The end time for a simulation of length <paramref name="tstop"/>, checked (docs/dev/drives.md §4.4).</summary>
    public double EndTime(double tstop)
    {
        var end = TStop ?? tstop;
        if (end < 0)
            throw Network.Invalid.Argument("tstop", end, "End time of tonic input cannot be negative", "a time >= 0 (ms)");
        if (end - T0 < 0)
            throw Network.Invalid.Argument("tstop", end, $"Duration of tonic input cannot be negative (t0 = {Network.Invalid.Show(T0)})",
                "tstop >= t0");
        return end;
    }
}
