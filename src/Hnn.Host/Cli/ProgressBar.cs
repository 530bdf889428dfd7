using System.Diagnostics;
using Hnn.Actors.Engine;

namespace Hnn.Host.Cli;

/// <summary>
/// Shows a run's progress (trial k of n, simulated ms, the share of the whole run done and the
/// time left at the pace so far) on the terminal: one line redrawn in place, at most ten times a
/// second; when stdout is redirected, a line every 10% of a trial. <see cref="Finish"/> of a
/// completed run draws the full bar, so it ends at 100% even when the last report was skipped.
/// </summary>
internal sealed class ProgressBar : IProgress<SimulationProgress>
{
    private const int Width = 30;
    private readonly object _lock = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private DateTime _last = DateTime.MinValue;
    private int _lastDecile = -1, _lastTrial = -1;
    private SimulationProgress? _latestReport;
    private static double _latest = double.NaN;

    /// <summary>The simulated time last reported by any run of this process (for the "cancelled at t = …" line), null before the first report.</summary>
    public static double? LatestSimulatedMs => double.IsNaN(Volatile.Read(ref _latest)) ? null : Volatile.Read(ref _latest);

    public void Report(SimulationProgress p)
    {
        Volatile.Write(ref _latest, p.SimulatedMs);
        lock (_lock)
        {
            // hnn replay reports two runs in turn: the second one's pace starts with it.
            if (_latestReport is { } prev && (p.Tstop != prev.Tstop || p.Trial < prev.Trial || (p.Trial == prev.Trial && p.SimulatedMs < prev.SimulatedMs)))
                _clock.Restart();
            _latestReport = p;
            var fraction = Math.Clamp(p.SimulatedMs / p.Tstop, 0, 1);
            if (_interactive)
            {
                var now = DateTime.UtcNow;
                if (fraction < 1 && (now - _last).TotalMilliseconds < 100) return;
                _last = now;
                Draw(p, fraction, Eta(p, fraction));
            }
            else
            {
                var decile = (int)(fraction * 10);
                if (decile == _lastDecile && p.Trial == _lastTrial) return;
                (_lastDecile, _lastTrial) = (decile, p.Trial);
                Console.WriteLine($"trial {p.Trial + 1}/{p.Trials}: {p.SimulatedMs:F1}/{p.Tstop:0.#} ms, {Percent(Overall(p, fraction))}, ETA {Eta(p, fraction)}");
            }
        }
    }

    /// <summary>
    /// Ends the progress output: after a completed run (<paramref name="completed"/>) the bar at
    /// 100% with the elapsed time; otherwise only ends the redrawn line.
    /// </summary>
    public void Finish(bool completed = false)
    {
        lock (_lock)
        {
            if (completed && _latestReport is { } p)
            {
                var done = p with { Trial = p.Trials - 1, SimulatedMs = p.Tstop };
                if (_interactive) Draw(done, 1, null);
                else Console.WriteLine($"trial {p.Trials}/{p.Trials}: {p.Tstop:0.#}/{p.Tstop:0.#} ms, 100%, took {Clock(_clock.Elapsed)}");
            }
            if (_interactive) Console.WriteLine();
        }
    }

    private void Draw(SimulationProgress p, double fraction, string? eta)
    {
        var overall = eta is null ? 1.0 : Overall(p, fraction);
        var filled = (int)(overall * Width);
        var tail = eta is null ? $"took {Clock(_clock.Elapsed)}" : $"ETA {eta}";
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {Percent(overall),4} trial {p.Trial + 1}/{p.Trials}  {p.SimulatedMs,7:F1}/{p.Tstop:0.#} ms  {tail}   ");
    }

    /// <summary>The share of the whole run done: trials are equally long, and run one after another.</summary>
    private static double Overall(SimulationProgress p, double fraction) => Math.Clamp((p.Trial + fraction) / p.Trials, 0, 1);

    /// <summary>Time left at the pace so far ("?" until there is a pace).</summary>
    private string Eta(SimulationProgress p, double fraction)
    {
        var overall = Overall(p, fraction);
        return overall <= 0 ? "?" : Clock(_clock.Elapsed * ((1 - overall) / overall));
    }

    private static string Percent(double share) => $"{(int)Math.Floor(share * 100)}%";

    internal static string Clock(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
