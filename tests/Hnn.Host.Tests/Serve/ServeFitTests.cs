using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Hnn.Host.Tests.Serve;

/// <summary>
/// POST /api/fits: a tiny fit sent as multipart (fit file plus its target dipole) runs to done and
/// writes the same history (parameters, losses, keys) and best.json as `hnn fit` on the same files;
/// its events, progress and /result say so; a target name with ".." is 400 and a budget over
/// --max-jobs is 422.
/// </summary>
[Collection("serve")]
public sealed class ServeFitTests(ITestOutputHelper output)
{
    private static string FitText(int budget, string target = "target.txt", double tstop = 25) => $$"""
        {"experiment": {{ServeExperiments.Small(tstop: tstop)}},
         "target": {"dipole": "{{target}}", "column": "agg"},
         "parameters": [{"path": "drives.evprox1.mu", "initial": 6, "bounds": [4, 12]}],
         "solver": "cma-es", "population": 2, "max_simulations": {{budget}}, "seed": 1}
        """;

    private static MultipartFormDataContent Form(string fit, byte[] target, string targetName = "target.txt") => new()
    {
        { new StringContent(fit), "fit" },
        { new ByteArrayContent(target), "target", targetName },
    };

    /// <summary>history.csv without wall_s: what must not depend on how the fit ran.</summary>
    private static string[] Science(string history) =>
        history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).Select(f => string.Join(',', f[..^2].Append(f[^1]))).ToArray();

    [Fact]
    public async Task AFitSubmittedWithItsTargetRunsAsHnnFitRunsIt()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var host = await ServeHost.StartAsync(o => o with { MaxJobs = 4 });
        // The target: the dipole of a run of the same network (mu 8; the fit starts at 6).
        var truth = await host.SubmitAsync(ServeExperiments.Small(tstop: 25));
        Assert.Equal("done", (await host.WaitAsync(truth)).GetProperty("status").GetString());
        var target = await host.FileAsync(truth, "dipole_0.txt");

        var fit = FitText(4);
        // A run ahead of it in the queue (--max-concurrent 1): the fit cannot end before its stream is open.
        var ahead = await host.SubmitAsync(ServeExperiments.Small(seed: 5, tstop: 25));
        using var response = await host.Client.PostAsync("/api/fits", Form(fit, target));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        var events = new List<(string Event, JsonElement Data)>();
        await using (var stream = await host.Client.GetStreamAsync($"/api/runs/{id}/events"))
            await foreach (var e in SseReader.ReadAsync(stream)) events.Add(e);
        Assert.Equal("done", (await host.WaitAsync(ahead)).GetProperty("status").GetString());
        var status = await host.WaitAsync(id);
        Assert.True(status.GetProperty("status").GetString() == "done", status.ToString());
        Assert.Equal("fit", status.GetProperty("kind").GetString());
        var progress = status.GetProperty("progress");
        Assert.Equal((1.0, 4, 4), (progress.GetProperty("fraction").GetDouble(), progress.GetProperty("jobs_done").GetInt32(), progress.GetProperty("jobs").GetInt32()));
        Assert.Equal(["best.json", "convergence.png", "fit.json", "fit.png", "history.csv"], status.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("start", events[0].Event);
        Assert.Equal("status", events[^1].Event);
        var evaluations = events.Where(e => e.Event == "evaluation").Select(e => e.Data).ToArray();
        Assert.Equal([1, 2, 3, 4], evaluations.Select(e => e.GetProperty("index").GetInt32()).Order());
        var lastProgress = events.Last(e => e.Event == "progress").Data;
        Assert.Equal((4, 4), (lastProgress.GetProperty("jobs_done").GetInt32(), lastProgress.GetProperty("jobs").GetInt32()));

        // `hnn fit` on the same files.
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "fit.json"), fit);
        File.WriteAllBytes(Path.Combine(dir, "target.txt"), target);
        var cli = HnnProcess.Run("fit", Path.Combine(dir, "fit.json"), "--out", Path.Combine(dir, "out"));
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        var cliHistory = File.ReadAllText(Path.Combine(dir, "out", "history.csv"));
        var served = System.Text.Encoding.UTF8.GetString(await host.FileAsync(id, "history.csv"));
        output.WriteLine(cliHistory);
        Assert.Equal(Science(cliHistory), Science(served));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "out", "best.json")), await host.FileAsync(id, "best.json"));
        // fit.json names the submitted fit file, not where the server keeps it.
        var manifest = System.Text.Encoding.UTF8.GetString(await host.FileAsync(id, "fit.json"));
        Assert.Contains("\"fit_file\": \"fit.json\"", manifest);
        Assert.DoesNotContain(host.Data, manifest);

        // /result: the best loss and history are hnn fit's numbers, exactly.
        var cliLosses = cliHistory.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToArray();
        var result = await host.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/result");
        Assert.Equal(cliLosses, result.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("loss").GetDouble()));
        Assert.Equal(cliLosses.Min(), result.GetProperty("best").GetProperty("loss").GetDouble());
        Assert.Equal(cliLosses, evaluations.OrderBy(e => e.GetProperty("index").GetInt32()).Select(e => e.GetProperty("loss").GetDouble()));
        output.WriteLine($"best loss {cliLosses.Min():R} (served {result.GetProperty("best")}); {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task ABadTargetNameIs400AndABudgetOverMaxJobsIs422()
    {
        await using var host = await ServeHost.StartAsync(o => o with { MaxJobs = 4 });
        // A flat target over 0 … 30 ms: a valid file, never simulated (every request here is refused).
        var target = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 61).Select(i => $"{i * 0.5:F1}\t0.0\n")));

        using var part = await host.Client.PostAsync("/api/fits", Form(FitText(2), target, "../x.txt"));
        var body = await part.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.BadRequest, part.StatusCode);
        Assert.Contains("../x.txt", body);

        using var named = await host.Client.PostAsync("/api/fits", new StringContent(FitText(2, "../x.txt")));
        body = await named.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Contains("$.target.dipole: '../x.txt'", body);

        using var missing = await host.Client.PostAsync("/api/fits", new StringContent(FitText(2)));
        body = await missing.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("no file 'target.txt'", body);
        Assert.DoesNotContain(host.Data, body);

        // An experiment file sent with the fit may not name a file outside the folder either.
        var withExperiment = Form(FitText(2).Replace("\"experiment\": {", "\"experiment\": \"erp.json\", \"unused\": {"), target);
        withExperiment.Add(new StringContent("""{"network": {"model": "custom", "params": "/etc/passwd"}}"""), "x", "erp.json");
        using var nested = await host.Client.PostAsync("/api/fits", withExperiment);
        body = await nested.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Contains("file part 'erp.json': $.network.params: '/etc/passwd' is a path outside", body);

        using var over = await host.Client.PostAsync("/api/fits", Form(FitText(5), target));
        body = await over.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Contains("$.max_simulations: 5; allowed: at most 4 (--max-jobs)", body);
        Assert.False(Directory.Exists(Path.Combine(host.Data, "inputs")) && Directory.EnumerateDirectories(Path.Combine(host.Data, "inputs")).Any(),
            "a refused fit leaves no staged input");
    }

    [Fact]
    public async Task DeleteCancelsARunningFit()
    {
        await using var host = await ServeHost.StartAsync();
        var flat = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 1201).Select(i => $"{i * 0.25:F2}\t0.0\n")));
        using var response = await host.Client.PostAsync("/api/fits", Form(FitText(40, tstop: 300), flat));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        while ((await host.StatusAsync(id)).GetProperty("status").GetString() == "queued") await Task.Delay(20);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var delete = await host.Client.DeleteAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var status = await host.WaitAsync(id, 20);
        output.WriteLine($"cancelled after {clock.Elapsed.TotalSeconds:F2} s: {status}");
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("progress").GetProperty("jobs_done").GetInt32() < 40, status.ToString());
    }
}
