using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Hnn.Biophysics.Recording;

/// <summary>
/// One recorded quantity of one cell type in one trial, streamed to a gzip CSV (docs/dev/recordings.md §4):
/// a header <c>time,&lt;gid&gt;_&lt;name&gt;,…</c>, then one row per sample at full precision. Rows stay
/// pending until <see cref="Flush"/> says they are final (a recovery may still replay them); final rows are
/// formatted and compressed on a thread of their own, so the simulation does not wait for the text, with
/// at most <see cref="QueuedRows"/> rows in flight (the run waits when the disk is slower). The text goes
/// to <c>FILE.partial</c>; <see cref="Complete"/> renames it, so a file under its own name is always whole.
/// </summary>
internal sealed class TraceFileWriter : IDisposable
{
    private const int QueuedRows = 512;

    private readonly string _partial;
    private readonly int _width;
    private readonly List<(int Row, double Time, double[] Values)> _pending = [];
    private readonly BlockingCollection<(double Time, double[] Values)> _queue = new(QueuedRows);
    private readonly Task _worker;
    private int _lastWritten = -1;
    private bool _done;

    public TraceFileWriter(string path, IReadOnlyList<string> columns)
    {
        Path = path;
        _partial = path + ".partial";
        _width = columns.Count;
        var stream = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var writer = new StreamWriter(new GZipStream(stream, CompressionLevel.Fastest), new UTF8Encoding(false), 1 << 16);
        writer.Write("time");
        foreach (var c in columns)
        {
            writer.Write(',');
            writer.Write(c);
        }
        writer.Write('\n');
        _worker = Task.Factory.StartNew(() => WriteRows(writer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Path { get; }

    /// <summary>Queues sample <paramref name="row"/> at <paramref name="time"/>, one value per column.</summary>
    public void Append(int row, double time, ReadOnlySpan<double> values)
    {
        var copy = ArrayPool<double>.Shared.Rent(_width);
        values[.._width].CopyTo(copy);
        _pending.Add((row, time, copy));
    }

    /// <summary>Sends the pending samples up to and including <paramref name="lastFinalRow"/> to the file.</summary>
    public void Flush(int lastFinalRow)
    {
        var n = 0;
        while (n < _pending.Count && _pending[n].Row <= lastFinalRow)
        {
            var (row, time, values) = _pending[n];
            if (_worker.IsFaulted) throw new IOException($"{Path}: writing failed: {_worker.Exception?.InnerException?.Message}", _worker.Exception);
            _queue.Add((time, values));
            _lastWritten = row;
            n++;
        }
        _pending.RemoveRange(0, n);
    }

    /// <summary>Drops the samples after <paramref name="step"/> (all of them for step 0, whose sample the shards record again).</summary>
    public void Rewind(int step)
    {
        var keepUpTo = step == 0 ? -1 : step;
        if (_lastWritten > keepUpTo)
            throw new InvalidOperationException($"{Path}: samples up to {_lastWritten} were already written; cannot go back to step {step}");
        foreach (var p in _pending.Where(p => p.Row > keepUpTo)) ArrayPool<double>.Shared.Return(p.Values);
        _pending.RemoveAll(p => p.Row > keepUpTo);
    }

    /// <summary>Writes what is pending, waits for the file to be written and gives it its name.</summary>
    public void Complete()
    {
        Flush(int.MaxValue);
        _queue.CompleteAdding();
        try
        {
            _worker.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new IOException($"{Path}: writing failed: {e.Message}", e);
        }
        File.Move(_partial, Path, overwrite: true);
        _done = true;
    }

    /// <summary>Closes the file; one that was not completed is removed.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        foreach (var p in _pending) ArrayPool<double>.Shared.Return(p.Values);
        _pending.Clear();
        _queue.CompleteAdding();
        try
        {
            _worker.Wait();
        }
        catch (AggregateException)
        {
            // The file is being thrown away.
        }
        File.Delete(_partial);
    }

    private void WriteRows(StreamWriter writer)
    {
        using (writer)
        {
            var line = new StringBuilder();
            var number = new char[32];
            foreach (var (time, values) in _queue.GetConsumingEnumerable())
            {
                line.Clear();
                Number(line, number, time);
                for (var i = 0; i < _width; i++)
                {
                    line.Append(',');
                    Number(line, number, values[i]);
                }
                line.Append('\n');
                ArrayPool<double>.Shared.Return(values);
                writer.Write(line);
            }
        }
    }

    private static void Number(StringBuilder line, char[] buffer, double v)
    {
        if (v.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)) line.Append(buffer, 0, written);
        else line.Append(v.ToString("R", CultureInfo.InvariantCulture));
    }
}
