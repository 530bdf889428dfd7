using Hnn.Actors.Engine;

namespace Hnn.Host.Cli;

/// <summary>
/// Shows a run's progress (trial k of n, simulated ms) on the terminal: one line redrawn in
/// place, at most ten times a second; when stdout is redirected, a line every 10% of a trial.
/// </summary>
internal sealed class ProgressBar : IProgress<SimulationProgress>
{
    private readonly object _lock = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private DateTime _last = DateTime.MinValue;
    private int _lastDecile = -1, _lastTrial = -1;
    private static double _latest = double.NaN;

    /// <summary>The simulated time last reported by any run of this process (for the "cancelled at t = …" line), null before the first report.</summary>
    public static double? LatestSimulatedMs => double.IsNaN(Volatile.Read(ref _latest)) ? null : Volatile.Read(ref _latest);

    public void Report(SimulationProgress p)
    {
        Volatile.Write(ref _latest, p.SimulatedMs);
        lock (_lock)
        {
            var fraction = Math.Clamp(p.SimulatedMs / p.Tstop, 0, 1);
            if (_interactive)
            {
                var now = DateTime.UtcNow;
                if (fraction < 1 && (now - _last).TotalMilliseconds < 100) return;
                _last = now;
                const int width = 30;
                var filled = (int)(fraction * width);
                Console.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] trial {p.Trial + 1}/{p.Trials}  {p.SimulatedMs,7:F1}/{p.Tstop:0.#} ms ");
            }
            else
            {
                var decile = (int)(fraction * 10);
                if (decile == _lastDecile && p.Trial == _lastTrial) return;
                (_lastDecile, _lastTrial) = (decile, p.Trial);
                Console.WriteLine($"trial {p.Trial + 1}/{p.Trials}: {p.SimulatedMs:F1}/{p.Tstop:0.#} ms");
            }
        }
    }

    /// <summary>Ends the redrawn line so that later output starts on its own line.</summary>
    public void Finish()
    {
        if (_interactive) Console.WriteLine();
    }
}
