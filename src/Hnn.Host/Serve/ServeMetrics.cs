using System.Diagnostics.Metrics;

namespace Hnn.Host.Serve;

/// <summary>
/// The server's OpenTelemetry metrics, on the meter "Hnn.Serve": runs submitted (by kind) and
/// finished (by kind and status), the queue's length and the runs running now, the wall time of
/// each epoch, and simulated ms per wall second of each finished simulation.
/// </summary>
internal sealed class ServeMetrics : IDisposable
{
    public const string MeterName = "Hnn.Serve";
    private readonly Meter _meter = new(MeterName, "0.1.0");
    private readonly Counter<long> _submitted, _finished;
    private readonly Histogram<double> _epoch, _speed;
    private int _queued, _running;

    public ServeMetrics()
    {
        _submitted = _meter.CreateCounter<long>("hnn.serve.runs.submitted", "{run}", "runs accepted");
        _finished = _meter.CreateCounter<long>("hnn.serve.runs.finished", "{run}", "runs ended, by status");
        _meter.CreateObservableGauge("hnn.serve.queue.length", () => Volatile.Read(ref _queued), "{run}", "runs waiting for a free slot");
        _meter.CreateObservableGauge("hnn.serve.runs.running", () => Volatile.Read(ref _running), "{run}", "runs simulating now");
        _epoch = _meter.CreateHistogram<double>("hnn.serve.epoch.duration", "ms", "wall time of one epoch of a running trial");
        _speed = _meter.CreateHistogram<double>("hnn.serve.simulated_ms_per_second", "ms/s", "simulated ms per wall second of a finished simulation");
    }

    /// <summary>The meter itself (tests listen to this instance only).</summary>
    public Meter Meter => _meter;

    public int Queued => Volatile.Read(ref _queued);
    public int Running => Volatile.Read(ref _running);

    public void Submitted(string kind) => _submitted.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Finished(string kind, string status) =>
        _finished.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", status));

    public void QueueChanged(int delta) => Interlocked.Add(ref _queued, delta);

    public int RunningChanged(int delta) => Interlocked.Add(ref _running, delta);

    public void EpochTime(TimeSpan t) => _epoch.Record(t.TotalMilliseconds);

    public void Speed(double simulatedMs, TimeSpan wall)
    {
        if (wall > TimeSpan.Zero) _speed.Record(simulatedMs / wall.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
