namespace Hnn.Host.Serve;

/// <summary>The statuses a run goes through; the last four are final.</summary>
internal static class RunStatus
{
    public const string Queued = "queued", Running = "running", Done = "done", Failed = "failed", Cancelled = "cancelled", Interrupted = "interrupted";

    public static bool IsFinal(string status) => status is Done or Failed or Cancelled or Interrupted;
}

/// <summary>The progress object of a run's status and of its "progress" events; the job counts only for sweeps.</summary>
internal sealed record ProgressView(double Fraction, int Trial, int Trials, double SimulatedMs, double Tstop, int? JobsDone = null, int? Jobs = null);

/// <summary>A run this process accepted: its row, what it runs, where it stands, its live feed and how to cancel it.</summary>
internal sealed class RunEntry(RunRow row, PreparedRun work)
{
    private readonly Lock _lock = new();
    private RunRow _row = row;
    private ProgressView _progress = work.InitialProgress;

    public string Id => _row.Id;
    public PreparedRun Work { get; } = work;
    public LiveFeed Feed { get; } = new();
    public CancellationTokenSource Cancel { get; } = new();

    public RunRow Row
    {
        get { lock (_lock) return _row; }
    }

    public ProgressView Progress
    {
        get { lock (_lock) return _progress; }
        set { lock (_lock) _progress = value; }
    }

    public void Update(Func<RunRow, RunRow> change)
    {
        lock (_lock) _row = change(_row);
    }
}
