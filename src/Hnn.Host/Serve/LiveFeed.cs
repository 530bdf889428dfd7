namespace Hnn.Host.Serve;

/// <summary>
/// The Server-Sent Events of one run, kept from its start: a client that connects late reads
/// everything so far, then waits for more; the feed ends with the "status" event. Readers only
/// read: a reader that goes away changes nothing for the run or the other readers. Past 64 MiB of
/// events the oldest spikes and dipole batches are dropped from the replay (a client connecting
/// that late starts with the later ones; the result and files are complete either way).
/// </summary>
internal sealed class LiveFeed(long replayLimitChars = 32L << 20)
{
    private readonly Lock _lock = new();
    private readonly List<string?> _events = [];
    private long _chars;
    private int _dropped;   // events before this index may have been dropped (null)
    private TaskCompletionSource _changed = NewSignal();
    private bool _closed;

    /// <summary>Appends an event (<c>event: NAME</c>, <c>data:</c> the payload as one line of JSON).</summary>
    public void Append(string name, object payload)
    {
        var text = $"event: {name}\ndata: {ServeJson.Serialize(payload)}\n\n";
        TaskCompletionSource wake;
        lock (_lock)
        {
            if (_closed) return;
            _events.Add(text);
            _chars += text.Length;
            while (_chars > replayLimitChars && _dropped < _events.Count - 1)
            {
                if (_events[_dropped] is { } old && (old.StartsWith("event: spikes", StringComparison.Ordinal) || old.StartsWith("event: dipole", StringComparison.Ordinal)))
                {
                    _chars -= old.Length;
                    _events[_dropped] = null;
                }
                _dropped++;
            }
            wake = _changed;
            _changed = NewSignal();
        }
        wake.TrySetResult();
    }

    /// <summary>Appends the last event; readers finish after it.</summary>
    public void Close(string name, object payload)
    {
        Append(name, payload);
        TaskCompletionSource wake;
        lock (_lock)
        {
            _closed = true;
            wake = _changed;
        }
        wake.TrySetResult();
    }

    public int Count
    {
        get { lock (_lock) return _events.Count; }
    }

    /// <summary>Every event from the first, then each new one as it comes, until the feed is closed or <paramref name="cancel"/> fires.</summary>
    public async IAsyncEnumerable<string> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        var next = 0;
        while (!cancel.IsCancellationRequested)
        {
            string?[] batch;
            Task wait;
            lock (_lock)
            {
                batch = _events.Count > next ? _events.GetRange(next, _events.Count - next).ToArray() : [];
                next += batch.Length;
                wait = _changed.Task;
                if (batch.Length == 0 && _closed) yield break;
            }
            foreach (var e in batch)
                if (e is not null) yield return e;
            if (batch.Length == 0) await wait.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
