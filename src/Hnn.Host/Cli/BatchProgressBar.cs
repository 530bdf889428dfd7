using Hnn.Actors.Batch;

namespace Hnn.Host.Cli;

/// <summary>
/// A batch's progress on the terminal: jobs done/total, failed, running, elapsed, ETA — one line
/// redrawn at most ten times a second; when stdout is redirected, a line per finished job.
/// </summary>
internal sealed class BatchProgressBar : IProgress<BatchProgress>
{
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly int _skipped;
    private DateTime _last = DateTime.MinValue;
    private int _lastDone = -1;

    /// <param name="skipped">Jobs done in an earlier run: counted as done, not timed.</param>
    public BatchProgressBar(int skipped) => _skipped = skipped;

    public void Report(BatchProgress p)
    {
        var done = p.Done + _skipped;
        var total = p.Total + _skipped;
        var line = $"jobs {done}/{total} done, {p.Failed} failed, {p.Running} running, elapsed {Clock(p.Elapsed)}, ETA {(p.Eta is { } eta ? Clock(eta) : "?")}";
        if (_interactive)
        {
            var now = DateTime.UtcNow;
            if (done < total && (now - _last).TotalMilliseconds < 100) return;
            _last = now;
            const int width = 30;
            var filled = total == 0 ? width : done * width / total;
            Console.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {line} ");
        }
        else if (done != _lastDone)
        {
            _lastDone = done;
            Console.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_interactive) Console.WriteLine();
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
