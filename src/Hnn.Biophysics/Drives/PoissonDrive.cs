using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// A Poisson drive (add_poisson_drive): exponential inter-event intervals at
/// <see cref="RateConstant"/> Hz (one rate, or one per target type for cell-specific drives)
/// between <see cref="TStart"/> and <see cref="TStop"/> ms (null = simulation end).
/// </summary>
public sealed record PoissonDrive : Drive
{
    public double TStart { get; internal init; }
    public double? TStop { get; internal init; }

    /// <summary>Rate in Hz when common to all drive cells (not cell-specific), else null.</summary>
    public double? RateConstant { get; internal init; }

    /// <summary>Rates per target type (cell-specific drives), else null.</summary>
    public IReadOnlyDictionary<string, double>? RateConstants { get; internal init; }

    public override string Type => "poisson";

    internal override void CheckBeforeGeneration(double tstop)
    {
        var end = TStop ?? tstop;
        if (TStart < 0)
            throw Invalid.Argument("tstart", TStart, $"drive '{Name}': The start time for Poisson inputs must be greater than 0", "tstart >= 0");
        if (end < TStart)
            throw Invalid.Argument("tstop", end,
                $"drive '{Name}': The end time for Poisson inputs must be greater than start time ({Invalid.Show(TStart)})", "tstop >= tstart");
    }

    // docs/dev/drives.md §6.1 poisson: t += exponential(1/r)·1000 while t < T_d; the overshooting draw is discarded.
    internal override double[] CellEventTimes(int offset, string? targetType, long seedBase, double tstop)
    {
        double rate;
        if (RateConstants is not null)
        {
            // A legacy-mode target type without a rate gets no events (docs/dev/drives.md §4.6).
            if (targetType is null || !RateConstants.TryGetValue(targetType, out rate)) return [];
        }
        else rate = RateConstant!.Value;
        var prng = Prng(seedBase + offset, Name);
        var end = TStop ?? tstop;
        var scale = 1.0 / rate;
        var times = new List<double>();
        var t = TStart;
        while (t < end)
        {
            t += prng.Exponential(scale) * 1000.0;
            if (t < end) times.Add(t);
        }
        return InWindowSorted(times, tstop);
    }
}
