using System.Collections.Concurrent;
using System.Diagnostics;
using Hnn.Host.Cli;
using Microsoft.Extensions.Logging;

namespace Hnn.Host.Serve;

/// <summary>
/// The runs: accepts prepared submissions into the index, queues them so that at most
/// --max-concurrent run at once (the others wait "queued"), runs each through <see cref="RunExecutor"/>,
/// and records how each ended. Cancelling a queued run ends it at once; a running one stops at its next epoch.
/// </summary>
internal sealed class RunService : IDisposable
{
    private readonly ConcurrentDictionary<string, RunEntry> _active = new();
    private readonly ConcurrentDictionary<string, Task> _tasks = new();
    private readonly SemaphoreSlim _slots;
    private readonly ServeOptions _options;
    private readonly RunExecutor _executor;
    private readonly ServeMetrics _metrics;
    private readonly ILogger _log;
    private int _maxRunning;
    private volatile bool _stopping;
    private readonly Lazy<Task> _stop;

    public RunService(ServeOptions options, RunStore store, RunExecutor executor, ServeMetrics metrics, ILogger<RunService> log)
    {
        _options = options;
        Store = store;
        _executor = executor;
        _metrics = metrics;
        _log = log;
        _slots = new SemaphoreSlim(options.MaxConcurrent);
        _stop = new Lazy<Task>(StopAll, LazyThreadSafetyMode.ExecutionAndPublication);
        Submission = new RunSubmission(options);
        if (store.Interrupted > 0) log.LogWarning("Marked {Count} run(s) left queued or running by an earlier process as interrupted", store.Interrupted);
    }

    private const string StoppedError = "the server stopped before the run finished";

    public RunStore Store { get; }
    public RunSubmission Submission { get; }

    /// <summary>The most runs that were running at the same time since the start.</summary>
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public RunEntry? Active(string id) => _active.TryGetValue(id, out var e) ? e : null;

    public string RunDirectory(string id) => RunExecutor.RunDirectory(_options.DataDirectory, id);

    /// <summary>Indexes and queues a run that passed its checks.</summary>
    public void Submit(string id, PreparedRun work, string json)
    {
        var row = new RunRow(id, work.Kind, RunStatus.Queued, DateTimeOffset.UtcNow, null, null, work.Name, json, null);
        var entry = new RunEntry(row, work);
        Store.Insert(row);
        _active[id] = entry;
        _metrics.Submitted(work.Kind);
        _metrics.QueueChanged(1);
        _log.LogInformation("Run {RunId} submitted ({Kind}: {Name})", id, work.Kind, work.Name);
        _tasks[id] = Task.Run(async () =>
        {
            await RunAsync(entry).ConfigureAwait(false);
            _tasks.TryRemove(id, out _);
        });
    }

    /// <summary>Cancels a queued or running run: false when it is not active (unknown or finished).</summary>
    public bool Cancel(string id)
    {
        if (Active(id) is not { } e || RunStatus.IsFinal(e.Row.Status)) return false;
        try
        {
            e.Cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;   // it finished meanwhile
        }
        return true;
    }

    private async Task RunAsync(RunEntry run)
    {
        try
        {
            await _slots.WaitAsync(run.Cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _metrics.QueueChanged(-1);
            Finish(run, _stopping ? RunStatus.Interrupted : RunStatus.Cancelled, _stopping ? StoppedError : null, TimeSpan.Zero);
            return;
        }
        _metrics.QueueChanged(-1);
        var running = _metrics.RunningChanged(1);
        InterlockedMax(ref _maxRunning, running);
        var started = DateTimeOffset.UtcNow;
        Store.Started(run.Id, started);
        run.Update(r => r with { Status = RunStatus.Running, Started = started });
        _log.LogInformation("Run {RunId} started", run.Id);
        var clock = Stopwatch.StartNew();
        string status;
        string? error = null;
        try
        {
            await _executor.RunAsync(run, RunDirectory(run.Id), run.Cancel.Token).ConfigureAwait(false);
            status = RunStatus.Done;
        }
        catch (Exception) when (run.Cancel.IsCancellationRequested)
        {
            status = _stopping ? RunStatus.Interrupted : RunStatus.Cancelled;
            if (_stopping) error = StoppedError;
        }
        catch (Exception e)
        {
            status = RunStatus.Failed;
            error = UserError.Describe(e);
            if (e is not (FormatException or ArgumentException or IOException or Hnn.Actors.Engine.SimulationException or RunFailedException or TimeoutException))
                _log.LogError(e, "Run {RunId} failed", run.Id);
        }
        // The run's final status is recorded before its slot goes to the next one, so that no one
        // ever sees more runs "running" than the limit.
        try
        {
            Finish(run, status, error, clock.Elapsed);
        }
        finally
        {
            _metrics.RunningChanged(-1);
            _slots.Release();
        }
    }

    private void Finish(RunEntry run, string status, string? error, TimeSpan took)
    {
        var at = DateTimeOffset.UtcNow;
        Store.Finished(run.Id, status, at, error);
        run.Update(r => r with { Status = status, Finished = at, Error = error });
        run.Feed.Close("status", new StatusEvent(status, error));
        _metrics.Finished(run.Work.Kind, status);
        _log.LogInformation("Run {RunId} finished: {Status} after {Seconds:F2} s{Error}", run.Id, status, took.TotalSeconds, error is null ? "" : $" ({error})");
        _active.TryRemove(run.Id, out _);
        run.Cancel.Dispose();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    /// <summary>
    /// Stops every active run (the server is stopping) and waits, 10 s at most, until each is
    /// recorded as interrupted; one that is not is marked so by the next start. Callers at the
    /// same time (the host's stopping and the command's own signal handling) all wait for it.
    /// </summary>
    public void Dispose() => _stop.Value.Wait();

    private Task StopAll()
    {
        _stopping = true;
        foreach (var e in _active.Values)
        {
            try
            {
                e.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished meanwhile.
            }
        }
        return Task.WhenAny(Task.WhenAll(_tasks.Values), Task.Delay(TimeSpan.FromSeconds(10)));
    }
}

/// <summary>The last event of a run's stream.</summary>
internal sealed record StatusEvent(string Status, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Error);
