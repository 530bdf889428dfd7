using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hnn.Host.Tests.Serve;

/// <summary>Many clients at once, the queue limit, and clients that go away mid-stream.</summary>
[Collection("serve")]
public sealed class ServeLoadTests
{
    [Fact]
    public async Task Four_clients_submitting_twenty_runs_each_all_finish_as_sequential_runs_do_within_the_queue_limit()
    {
        const int clients = 4, runsEach = 20, distinct = 8, limit = 2;
        await using var host = await ServeHost.StartAsync(o => o with { MaxConcurrent = limit });
        string Experiment(int k) => ServeExperiments.Small(seed: 100 + k % distinct, tstop: 10);

        // The reference: each distinct experiment alone, one after the other.
        var reference = new byte[distinct][];
        for (var k = 0; k < distinct; k++)
        {
            var id = await host.SubmitAsync(Experiment(k));
            Assert.Equal("done", (await host.WaitAsync(id)).GetProperty("status").GetString());
            reference[k] = await host.FileAsync(id, "spk_0.txt");
        }
        Assert.True(reference.Distinct(new BytesComparer()).Count() > 1, "the experiments do not differ");

        var clock = Stopwatch.StartNew();
        var maxSeenRunning = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
            while (!watching.IsCancellationRequested)
            {
                var runs = await client.GetFromJsonAsync<JsonElement>("/api/runs");
                maxSeenRunning = Math.Max(maxSeenRunning, runs.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "running"));
                await Task.Delay(20);
            }
        });
        var submitted = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
            var ids = new (int K, string Id)[runsEach];
            await Task.WhenAll(Enumerable.Range(0, runsEach).Select(async i =>
            {
                var k = c * runsEach + i;
                using var r = await client.PostAsync("/api/runs", new StringContent(Experiment(k)));
                Assert.Equal(System.Net.HttpStatusCode.Accepted, r.StatusCode);
                ids[i] = (k, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }));
            return ids;
        })));
        var all = submitted.SelectMany(x => x).ToArray();
        foreach (var (k, id) in all)
        {
            var status = await host.WaitAsync(id, 120);
            Assert.True(status.GetProperty("status").GetString() == "done", $"run {id}: {status}");
            Assert.True((await host.FileAsync(id, "spk_0.txt")).AsSpan().SequenceEqual(reference[k % distinct]), $"run {id} (experiment {k % distinct}) differs from its sequential run");
        }
        var wall = clock.Elapsed;
        watching.Cancel();
        await watcher;
        Console.WriteLine($"4×20 runs: all {all.Length} done and identical to the sequential runs in {wall.TotalSeconds:F1} s; " +
                          $"most running at once: {host.Runs.MaxRunning} (seen by polling: {maxSeenRunning}), limit {limit}");
        Assert.Equal(clients * runsEach, all.Select(a => a.Id).Distinct().Count());
        Assert.InRange(host.Runs.MaxRunning, 1, limit);
        Assert.InRange(maxSeenRunning, 0, limit);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_does_not_disturb_the_run()
    {
        await using var host = await ServeHost.StartAsync();
        var json = ServeExperiments.Small(seed: 21, tstop: 120);
        var id = await host.SubmitAsync(json);
        var stayingTask = ReadAllAsync(host, id);
        using (var leaving = await host.Client.GetAsync($"/api/runs/{id}/events", HttpCompletionOption.ResponseHeadersRead))
        {
            var stream = await leaving.Content.ReadAsStreamAsync();
            await foreach (var e in SseReader.ReadAsync(stream))
                if (e.Event == "spikes") break;   // then the response is disposed: the client is gone
        }
        // It left while the run was going (the first spikes come at t ≈ 8 ms of 120).
        Assert.Equal("running", (await host.StatusAsync(id)).GetProperty("status").GetString());
        var status = await host.WaitAsync(id);
        Assert.Equal("done", status.GetProperty("status").GetString());
        var staying = await stayingTask;
        Assert.Equal("status", staying[^1].Event);

        var again = await host.SubmitAsync(json);
        await host.WaitAsync(again);
        Assert.Equal(await host.FileAsync(again, "spk_0.txt"), await host.FileAsync(id, "spk_0.txt"));
        Assert.Equal(await host.FileAsync(again, "dipole_0.csv"), await host.FileAsync(id, "dipole_0.csv"));
    }

    private static async Task<List<(string Event, JsonElement Data)>> ReadAllAsync(ServeHost host, string id)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        using var response = await client.GetAsync($"/api/runs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var events = new List<(string, JsonElement)>();
        await foreach (var e in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);
        return events;
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
