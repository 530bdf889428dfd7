using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hnn.Host.Serve;
using Microsoft.Extensions.DependencyInjection;

namespace Hnn.Host.Tests.Serve;

/// <summary>The meter "Hnn.Serve": what a run adds to each instrument, and the Prometheus endpoint.</summary>
[Collection("serve")]
public sealed class ServeMetricsTests
{
    [Fact]
    public async Task Runs_record_submitted_finished_epoch_times_and_speed()
    {
        await using var host = await ServeHost.StartAsync(o => o with { MaxConcurrent = 1 });
        var metrics = host.App.Services.GetRequiredService<ServeMetrics>();
        var seen = new ConcurrentQueue<(string Name, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter) l.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            seen.Enqueue((i.Name, v, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();

        var done = await host.SubmitAsync(ServeExperiments.Small(tstop: 20));
        var queued = await host.SubmitAsync(ServeExperiments.Small(tstop: 20));   // waits behind the first (one at a time)
        listener.RecordObservableInstruments();
        using (var r = await host.Client.DeleteAsync($"/api/runs/{queued}")) Assert.Equal(System.Net.HttpStatusCode.Accepted, r.StatusCode);
        await host.WaitAsync(done);
        await host.WaitAsync(queued);
        listener.RecordObservableInstruments();

        double Sum(string name, string tags = "") => seen.Where(m => m.Name == name && m.Tags.Contains(tags)).Sum(m => m.Value);
        Assert.Equal(2, Sum("hnn.serve.runs.submitted", "kind=simulate"));
        Assert.Equal(1, Sum("hnn.serve.runs.finished", "status=done"));
        Assert.Equal(1, Sum("hnn.serve.runs.finished", "status=cancelled"));
        var epochs = seen.Where(m => m.Name == "hnn.serve.epoch.duration").Select(m => m.Value).ToArray();
        var speed = seen.Where(m => m.Name == "hnn.serve.simulated_ms_per_second").Select(m => m.Value).ToArray();
        Console.WriteLine($"metrics: {epochs.Length} epochs, median {epochs.Order().ElementAtOrDefault(epochs.Length / 2):F2} ms; speed {string.Join(", ", speed.Select(s => s.ToString("F1")))} ms/s");
        Assert.NotEmpty(epochs);
        Assert.All(epochs, e => Assert.True(e > 0));
        Assert.Single(speed);
        Assert.True(speed[0] > 0);
        // The gauges: something was queued while the first ran; nothing is left at the end.
        var queue = seen.Where(m => m.Name == "hnn.serve.queue.length").Select(m => m.Value).ToArray();
        Assert.True(queue.Length >= 2 && queue[^1] == 0, string.Join(",", queue));
        Assert.Equal(0, seen.Last(m => m.Name == "hnn.serve.runs.running").Value);

        var scrape = await host.Client.GetStringAsync("/metrics");
        Assert.Contains("hnn_serve_runs_finished", scrape);
        Assert.Contains("hnn_serve_epoch_duration_milliseconds_bucket", scrape);
    }
}
