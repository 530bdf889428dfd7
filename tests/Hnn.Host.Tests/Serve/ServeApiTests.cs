using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hnn.Host.Tests.Serve;

/// <summary>The HTTP API of `hnn serve` on one server: runs, files, the live stream, bad input and limits.</summary>
[Collection("serve")]
public sealed class ServeApiTests : IAsyncLifetime
{
    private ServeHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServeHost.StartAsync(o => o with { MaxTstop = 200, MaxTrials = 3, MaxCells = 50, MaxJobs = 4, MaxBodyBytes = 16 * 1024 });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_run_finishes_with_the_files_hnn_simulate_writes_for_the_same_file()
    {
        var json = ServeExperiments.Small(seed: 7);
        var id = await _host.SubmitAsync(json);
        var status = await _host.WaitAsync(id);
        Assert.Equal("done", status.GetProperty("status").GetString());
        Assert.Equal(1.0, status.GetProperty("progress").GetProperty("fraction").GetDouble());
        var files = status.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToArray();
        Assert.Contains("spk_0.txt", files);
        Assert.Contains("dipole_0.txt", files);
        Assert.Contains("raster.png", files);
        Assert.Equal("jones_2009_model", status.GetProperty("experiment").GetProperty("network").GetProperty("model").GetString());

        var dir = HnnProcess.TempDir();
        var path = Path.Combine(dir, "small.json");
        File.WriteAllText(path, json);
        var cli = HnnProcess.Run("simulate", path, "--out", Path.Combine(dir, "out"));
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        foreach (var name in new[] { "spk_0.txt", "dipole_0.txt", "dipole_0.csv", "dipole_raw_fAm_0.csv" })
        {
            var served = await _host.FileAsync(id, name);
            var written = File.ReadAllBytes(Path.Combine(dir, "out", name));
            Assert.True(written.Length > 100, $"{name} is nearly empty");
            Assert.True(served.AsSpan().SequenceEqual(written), $"{name} served by hnn serve differs from hnn simulate's");
        }
        using var png = await _host.Client.GetAsync($"/api/runs/{id}/files/raster.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);

        // The result's spikes are spk_0.txt's, its dipole dipole_0.csv's.
        var result = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/result");
        var lines = File.ReadAllLines(Path.Combine(dir, "out", "spk_0.txt"));
        Assert.Equal(lines.Length, result.GetProperty("spikes").GetProperty("times").GetArrayLength());
        Assert.Equal(new[] { 0, 3 }, result.GetProperty("gid_ranges").GetProperty("L2_basket").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(801, result.GetProperty("dipole").GetProperty("agg").GetArrayLength());

        var list = await _host.Client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetString() == id && r.GetProperty("kind").GetString() == "simulate");
    }

    [Fact]
    public async Task The_live_stream_sends_spikes_while_the_run_goes_and_their_union_is_each_trials_final_spikes()
    {
        const double tstop = 150;
        var id = await _host.SubmitAsync(ServeExperiments.Small(seed: 11, tstop: tstop, nTrials: 2));   // trials side by side
        using var response = await _host.Client.GetAsync($"/api/runs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string Event, JsonElement Data)>();
        await foreach (var e in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);

        Assert.Equal("start", events[0].Event);
        Assert.Equal(tstop, events[0].Data.GetProperty("tstop").GetDouble());
        Assert.Equal("status", events[^1].Event);
        Assert.Equal("done", events[^1].Data.GetProperty("status").GetString());
        var spikeEvents = events.Where(e => e.Event == "spikes").Select(e => e.Data).ToArray();
        // Sent while the run was going: the first batch with spikes is of a time before tstop.
        var first = spikeEvents.First(e => e.GetProperty("times").GetArrayLength() > 0);
        Assert.True(first.GetProperty("t").GetDouble() < tstop, $"first spikes at t = {first.GetProperty("t")} ms, not before tstop");
        Assert.Contains(events, e => e.Event == "dipole");
        Assert.Contains(events, e => e.Event == "progress");

        for (var trial = 0; trial < 2; trial++)
        {
            var k = trial;
            var live = spikeEvents.Where(e => e.GetProperty("trial").GetInt32() == k).SelectMany(e => e.GetProperty("times").EnumerateArray().Zip(e.GetProperty("gids").EnumerateArray(),
                (t, g) => (Gid: g.GetInt32(), Time: Math.Round(t.GetDouble(), 3)))).Order().ToArray();
            var final = System.Text.Encoding.UTF8.GetString(await _host.FileAsync(id, $"spk_{k}.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t')).Select(p => (Gid: int.Parse(p[1]), Time: double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture))).Order().ToArray();
            Assert.True(final.Length > 20, $"trial {k}: only {final.Length} spikes");
            // spk_k.txt rounds times to 3 decimals; the stream's are full precision, rounded alike here.
            var worst = live.Zip(final, (a, b) => a.Gid == b.Gid ? Math.Abs(a.Time - b.Time) : double.PositiveInfinity).DefaultIfEmpty(0).Max();
            Console.WriteLine($"live stream, trial {k}: {live.Length} spikes, final {final.Length}; largest time difference {worst:G3} ms");
            Assert.Equal(final.Length, live.Length);
            Assert.True(worst <= 1e-9, $"trial {k}: largest time difference {worst} ms");
        }

        // A client that connects after the end gets the status at once.
        using var late = await _host.Client.GetAsync($"/api/runs/{id}/events");
        Assert.Equal("event: status\ndata: {\"status\":\"done\",\"error\":null}\n\n", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_running_run_is_cancelled_and_a_finished_one_cannot_be()
    {
        var id = await _host.SubmitAsync(ServeExperiments.Small(seed: 5, tstop: 200));
        while ((await _host.StatusAsync(id)).GetProperty("status").GetString() == "queued") await Task.Delay(20);
        using (var cancel = await _host.Client.DeleteAsync($"/api/runs/{id}"))
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var status = await _host.WaitAsync(id);
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.Empty(status.GetProperty("files").EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(_host.Data, "runs", id)), "a cancelled run left its folder");
        using var again = await _host.Client.DeleteAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_bad_drive_is_refused_with_the_message_hnn_simulate_prints()
    {
        var json = ServeExperiments.Small().Replace("\"sigma\": 2", "\"sigma\": -2");
        using var response = await _host.Client.PostAsync("/api/runs", new StringContent(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

        var dir = HnnProcess.TempDir();
        var path = Path.Combine(dir, "bad.json");
        File.WriteAllText(path, json);
        var cli = HnnProcess.Run("simulate", path, "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, cli.ExitCode);
        Console.WriteLine($"CLI: {cli.Stderr.Trim()}\nserver: {error}");
        Assert.Equal($"hnn simulate: {path}: {error}", cli.Stderr.Trim());
        Assert.Contains("$.drives[0]", error);
    }

    [Theory]
    [InlineData("tstop", "\"tstop\": 20", "\"tstop\": 250", "--max-tstop")]
    [InlineData("n_trials", "\"n_trials\": 1", "\"n_trials\": 4", "--max-trials")]
    [InlineData("cells", "\"mesh_shape\": [3, 3]", "\"mesh_shape\": [10, 3]", "--max-cells")]
    public async Task A_run_over_a_limit_is_refused_with_422_naming_value_and_limit(string what, string from, string to, string option)
    {
        using var response = await _host.Client.PostAsync("/api/runs", new StringContent(ServeExperiments.Small().Replace(from, to)));
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.True(response.StatusCode == (HttpStatusCode)422, $"{what}: {(int)response.StatusCode} {error}");
        Assert.Contains(option, error);
        Assert.Contains("at most", error);
    }

    [Fact]
    public async Task A_sweep_over_the_job_limit_is_refused_and_one_within_it_fills_its_table()
    {
        string Sweep(int n) =>
            "{\"experiment\": " + ServeExperiments.Small(tstop: 15) +
            ", \"parameters\": [{\"path\": \"drives.evprox1.mu\", \"range\": {\"start\": 6, \"stop\": 10, \"num\": " + n + "}}]" +
            ", \"summaries\": [\"spike_counts\"]}";
        using (var over = await _host.Client.PostAsync("/api/sweeps", new StringContent(Sweep(5))))
        {
            var error = await over.Content.ReadAsStringAsync();
            Assert.True(over.StatusCode == (HttpStatusCode)422, error);
            Assert.Contains("5 jobs", error);
        }
        using (var big = await _host.Client.PostAsync("/api/sweeps", new StringContent(Sweep(2).Replace("[3, 3]", "[10, 3]"))))
        {
            var error = await big.Content.ReadAsStringAsync();
            Assert.True(big.StatusCode == (HttpStatusCode)422, error);
            Assert.Contains("--max-cells", error);
        }
        var id = await _host.SubmitAsync(Sweep(2), "/api/sweeps");
        using var response = await _host.Client.GetAsync($"/api/runs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var jobs = new List<JsonElement>();
        await foreach (var e in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync()))
            if (e.Event == "job") jobs.Add(e.Data);
        var status = await _host.WaitAsync(id);
        Assert.Equal("done", status.GetProperty("status").GetString());
        Assert.Equal("sweep", status.GetProperty("kind").GetString());
        Assert.Equal(2, jobs.Count);
        var table = (await _host.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/result")).GetProperty("table");
        Assert.Equal(2, table.GetArrayLength());
        Assert.Equal(new[] { 6.0, 10.0 }, table.EnumerateArray().Select(r => r.GetProperty("drives.evprox1.mu").GetDouble()).Order());
        Assert.All(table.EnumerateArray(), r => Assert.Equal("done", r.GetProperty("status").GetString()));
        Assert.Contains("results.csv", status.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        var json = ServeExperiments.Small() + new string(' ', 20 * 1024);
        using var response = await _host.Client.PostAsync("/api/runs", new StringContent(json));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("--max-body-bytes", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("..%2Fruns.db")]
    [InlineData("..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("a%5Cb")]
    [InlineData("..%5Cruns.db")]
    public async Task A_file_name_that_leaves_the_run_folder_is_refused(string name)
    {
        var id = await _host.SubmitAsync(ServeExperiments.Small(tstop: 5));
        await _host.WaitAsync(id);
        using var response = await _host.Client.GetAsync(new Uri($"{_host.Url}/api/runs/{id}/files/{name}", UriKind.Absolute));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{name}: {(int)response.StatusCode}");
        Assert.DoesNotContain("SQLite", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("\"params\": \"/etc/passwd\"")]
    [InlineData("\"params\": \"../../secret.json\"")]
    public async Task A_file_path_in_an_experiment_outside_the_data_folder_is_refused(string key)
    {
        var json = ServeExperiments.Small().Replace("\"model\": \"jones_2009_model\",", $"\"model\": \"jones_2009_model\", {key},");
        using var response = await _host.Client.PostAsync("/api/runs", new StringContent(json));
        var error = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, error);
        Assert.Contains("$.network.params", error);
    }

    [Fact]
    public async Task Unknown_runs_are_404_and_the_service_routes_answer()
    {
        using (var r = await _host.Client.GetAsync("/api/runs/0000000000000000")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await _host.Client.GetAsync("/api/runs/not-an-id/events")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("ok", (await _host.Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("status").GetString());
        var models = await _host.Client.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Contains(models.EnumerateArray(), m => m.GetProperty("name").GetString() == "jones_2009_model"
            && m.GetProperty("cell_types").EnumerateArray().Any(t => t.GetString() == "L5_pyramidal"));
        var openapi = await _host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/runs/{id}/events", out _));
        Assert.Contains("<html", await _host.Client.GetStringAsync("/"));
    }
}
