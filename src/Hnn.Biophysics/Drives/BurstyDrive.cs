using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// A bursty ("rhythmic") drive (add_bursty_drive): bursts of <see cref="NumSpikes"/> spikes
/// <see cref="SpikeIsi"/> ms apart, repeating at <see cref="BurstRate"/> Hz from a start time that
/// may be jittered by <see cref="TStartStd"/>, each burst jittered by <see cref="BurstStd"/>.
/// </summary>
public sealed record BurstyDrive : Drive
{
    public double TStart { get; internal init; }
    public double TStartStd { get; internal init; }
    public double? TStop { get; internal init; }
    public double BurstRate { get; internal init; }
    public double BurstStd { get; internal init; }
    public int NumSpikes { get; internal init; }
    public double SpikeIsi { get; internal init; }

    public override string Type => "bursty";

    internal override void CheckBeforeGeneration(double tstop) => CheckBurstDuration(BurstRate, NumSpikes, SpikeIsi);

    internal static void CheckBurstDuration(double burstRate, int numspikes, double spikeIsi)
    {
        var period = 1000.0 / burstRate;
        var duration = (numspikes - 1) * spikeIsi;
        if (duration > period)
            throw Invalid.Argument("spike_isi", spikeIsi,
                $"Burst duration ({Invalid.Show(duration)}ms) cannot be greater than burst period ({Invalid.Show(period)}ms); " +
                "consider increasing the spike ISI or burst rate",
                $"(numspikes - 1) * spike_isi <= 1000 / burst_rate = {Invalid.Show(period)} ms");
    }

    // docs/dev/drives.md §6.1 bursty.
    internal override double[] CellEventTimes(int offset, string? targetType, long seedBase, double tstop)
    {
        var prng = Prng(seedBase + offset, Name);
        var t0 = TStart;
        if (TStartStd > 0)
            t0 = Prng(seedBase, Name).Normal(TStart, TStartStd);   // same jittered start for every drive cell
        var period = 1000.0 / BurstRate;
        CheckBurstDuration(BurstRate, NumSpikes, SpikeIsi);
        var end = TStop ?? tstop;

        // numpy arange(t0, end, period): n = ceil((end − t0)/period); c[k] = t0 + k·((t0 + period) − t0).
        var n = (int)Math.Max(0, Math.Ceiling((end - t0) / period));
        var delta = t0 + period - t0;
        var jittered = new double[n];
        for (var k = 0; k < n; k++)
        {
            var centre = k == 0 ? t0 : t0 + k * delta;
            jittered[k] = prng.Normal(centre, BurstStd);
        }
        if (NumSpikes == 1) return InWindowSorted(jittered, tstop);
        var events = new List<double>(n * NumSpikes);
        for (var m = 0; m < NumSpikes; m++)
        {
            var o = m - (NumSpikes - 1) / 2.0;
            foreach (var j in jittered) events.Add(j + SpikeIsi * o);
        }
        return InWindowSorted(events, tstop);
    }
}
