using Hnn.Actors.Batch;

namespace Hnn.Host.Cli;

/// <summary>
/// A batch's progress on the terminal: jobs done/total and their share, failed, running, elapsed, ETA —
/// one line redrawn at most ten times a second; when stdout is redirected, a line per finished
/// job. <see cref="Finish"/> of a completed batch draws the final state (100%), also when this
/// run had nothing left to do.
/// </summary>
internal sealed class BatchProgressBar : IProgress<BatchProgress>
{
    private const int Width = 30;
    private readonly object _lock = new();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly int _skipped;
    private DateTime _last = DateTime.MinValue;
    private int _lastDone = -1;
    private BatchProgress? _latest;

    /// <param name="skipped">Jobs done in an earlier run: counted as done, not timed.</param>
    public BatchProgressBar(int skipped) => _skipped = skipped;

    public void Report(BatchProgress p)
    {
        lock (_lock)
        {
            _latest = p;
            var (done, total) = (p.Done + _skipped, p.Total + _skipped);
            if (_interactive)
            {
                var now = DateTime.UtcNow;
                if (done < total && (now - _last).TotalMilliseconds < 100) return;
                _last = now;
                Draw(p);
            }
            else if (done != _lastDone)
            {
                _lastDone = done;
                Console.WriteLine(Line(p));
            }
        }
    }

    /// <summary>Ends the progress output; after a completed batch (<paramref name="completed"/>) with its final state.</summary>
    public void Finish(bool completed = false)
    {
        lock (_lock)
        {
            if (completed)
            {
                var p = _latest ?? new BatchProgress(0, 0, 0, 0, TimeSpan.Zero);
                if (_interactive) Draw(p);
                else if (p.Done + _skipped != _lastDone) Console.WriteLine(Line(p));
            }
            if (_interactive) Console.WriteLine();
        }
    }

    private void Draw(BatchProgress p)
    {
        var (done, total) = (p.Done + _skipped, p.Total + _skipped);
        var filled = total == 0 ? Width : done * Width / total;
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {Line(p)} ");
    }

    private string Line(BatchProgress p)
    {
        var (done, total) = (p.Done + _skipped, p.Total + _skipped);
        var percent = total == 0 ? 100 : done * 100 / total;
        var eta = done == total ? "0:00" : p.Eta is { } e ? ProgressBar.Clock(e) : "?";
        return $"jobs {done}/{total} done ({percent}%), {p.Failed} failed, {p.Running} running, elapsed {ProgressBar.Clock(p.Elapsed)}, ETA {eta}";
    }
}
