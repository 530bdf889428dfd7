using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// Bounds checked before any event is drawn, so that a drive asking for too much fails with a
/// message instead of running out of memory or never finishing: the events one drive cell may get
/// in one trial, and whether the seeds of every trial stay in numpy's range (trial k's drive cell
/// i draws from event_seed + k·n_gids + i, docs/dev/drives.md §6).
/// </summary>
internal static class DriveLimits
{
    /// <summary>Events one drive cell may get in one trial (8 MB of times).</summary>
    public const int MaxEventsPerDriveCell = 1_000_000;

    /// <summary>Checks every drive of <paramref name="net"/> for a run of <paramref name="nTrials"/> trials; throws the first problem.</summary>
    public static void Check(NetworkSpec net, int nTrials, double tstop)
    {
        foreach (var d in net.Drives)
            if ((EventProblem(d, tstop) ?? SeedProblem(d, nTrials, net.TotalGids)) is { } problem)
                throw problem;
    }

    /// <summary>Expected events of the busiest drive cell of <paramref name="drive"/> in one trial (Poisson: the mean).</summary>
    public static double EventsPerCell(Drive drive, double tstop) => drive switch
    {
        EvokedDrive e => e.NumSpikes,
        PoissonDrive p => Math.Max(0, (p.TStop ?? tstop) - p.TStart) / 1000.0 * MaxRate(p),
        // Bursts from a start jittered by tstart_std: allow four SDs of extra window.
        BurstyDrive b => Math.Ceiling(Math.Max(0, (b.TStop ?? tstop) - b.TStart + 4 * b.TStartStd) * b.BurstRate / 1000.0) * b.NumSpikes,
        SpikeTrainDrive s => s.Sources.Count == 0 ? 0 : s.Sources.Max(x => x.Times.Count),
        _ => 0,
    };

    public static ArgumentException? EventProblem(Drive drive, double tstop)
    {
        var n = EventsPerCell(drive, tstop);
        if (!(n > MaxEventsPerDriveCell)) return null;
        var window = drive is PoissonDrive w ? $" ({Invalid.Show((w.TStop ?? tstop) - w.TStart)} ms of drive)" : "";
        var reason = $"drive '{drive.Name}' would give each drive cell {n:G3} events per trial{window}, more than the bound of {MaxEventsPerDriveCell} events per drive cell";
        return drive switch
        {
            EvokedDrive e => Invalid.Argument("numspikes", e.NumSpikes, reason, $"numspikes <= {MaxEventsPerDriveCell}"),
            PoissonDrive p => Invalid.Argument("rate_constant", MaxRate(p), reason,
                $"rate_constant <= {Invalid.Show(Math.Floor(MaxEventsPerDriveCell * 1000.0 / ((p.TStop ?? tstop) - p.TStart)))} Hz for this duration"),
            BurstyDrive b => Invalid.Argument("numspikes", b.NumSpikes, reason + $" (burst_rate {Invalid.Show(b.BurstRate)} Hz)",
                $"burst_rate × duration × numspikes <= {MaxEventsPerDriveCell}"),
            _ => Invalid.Argument("spike_data", n, reason, $"at most {MaxEventsPerDriveCell} spikes per source"),
        };
    }

    /// <summary>Whether event_seed + (n_trials − 1)·n_gids + (n_drive_cells − 1) stays ≤ 2**32 − 1; spike trains draw nothing.</summary>
    public static ArgumentException? SeedProblem(Drive drive, int nTrials, int nGids)
    {
        if (drive is SpikeTrainDrive) return null;
        var spread = (long)(nTrials - 1) * nGids + (drive.NDriveCells - 1);
        if (drive.EventSeed + spread <= uint.MaxValue) return null;
        var reason = $"drive '{drive.Name}' draws trial k's drive cell i from seed event_seed + k·n_gids + i (n_gids = {nGids}, " +
                     $"{drive.NDriveCells} drive cells), which with n_trials = {nTrials} reaches {drive.EventSeed + spread}, beyond 2**32 - 1";
        var allowed = uint.MaxValue - spread >= 0
            ? $"event_seed 0 … {uint.MaxValue - spread} for {nTrials} trial(s)"
            : $"n_trials <= {(uint.MaxValue - drive.EventSeed - (drive.NDriveCells - 1)) / nGids + 1} for this network";
        return Invalid.Argument("event_seed", drive.EventSeed, reason, allowed);
    }

    private static double MaxRate(PoissonDrive p) =>
        p.RateConstant ?? (p.RateConstants is { Count: > 0 } rates ? rates.Values.Max() : 0);
}
