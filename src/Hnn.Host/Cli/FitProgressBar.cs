using System.Globalization;
using Hnn.Biophysics.Fitting;

namespace Hnn.Host.Cli;

/// <summary>
/// A fit's progress on the terminal: generation, simulations done of the budget, best loss so far,
/// elapsed and ETA — one line redrawn at most ten times a second; when stdout is redirected, a line
/// per finished generation.
/// </summary>
internal sealed class FitProgressBar(string lossName) : IProgress<FitProgress>
{
    private const int Width = 30;
    private readonly Lock _lock = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private DateTime _last = DateTime.MinValue;
    private FitProgress? _latest;

    public void Report(FitProgress p)
    {
        lock (_lock)
        {
            var previous = _latest;
            _latest = p;
            if (_interactive)
            {
                var now = DateTime.UtcNow;
                if ((now - _last).TotalMilliseconds < 100) return;
                _last = now;
                Draw(p);
            }
            else if (previous is { } q && q.Generation != p.Generation)
                Console.WriteLine(Line(q)); // the previous generation's last state
        }
    }

    /// <summary>Ends the progress output with the final state.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_latest is not { } p) return;
            if (_interactive)
            {
                Draw(p);
                Console.WriteLine();
            }
            else Console.WriteLine(Line(p));
        }
    }

    private void Draw(FitProgress p)
    {
        var filled = Math.Min(Width, p.Simulations * Width / Math.Max(1, p.MaxSimulations));
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {Line(p)} ");
    }

    private string Line(FitProgress p)
    {
        var best = double.IsNaN(p.BestLoss) ? "—" : p.BestLoss.ToString("G6", CultureInfo.InvariantCulture);
        var fresh = p.Simulations - p.Reused;
        var eta = fresh > 0 && p.Simulations < p.MaxSimulations
            ? ProgressBar.Clock(p.Elapsed * ((double)(p.MaxSimulations - p.Simulations) / fresh))
            : p.Simulations >= p.MaxSimulations ? "0:00" : "?";
        var reused = p.Reused > 0 ? $" ({p.Reused} from the earlier run)" : "";
        return $"generation {p.Generation}, simulations {p.Simulations}/{p.MaxSimulations}{reused}, best {lossName} {best}, elapsed {ProgressBar.Clock(p.Elapsed)}, ETA {eta}";
    }
}
