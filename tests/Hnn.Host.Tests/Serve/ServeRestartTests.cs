using System.Net.Http.Json;
using System.Text.Json;
using Hnn.Host.Serve;

namespace Hnn.Host.Tests.Serve;

/// <summary>A restarted server lists every earlier run; those an earlier process left unfinished are interrupted.</summary>
[Collection("serve")]
public sealed class ServeRestartTests
{
    [Fact]
    public async Task A_restart_lists_earlier_runs_and_marks_unfinished_ones_interrupted()
    {
        var data = HnnProcess.TempDir();
        string done;
        byte[] spikes;
        await using (var first = await ServeHost.StartAsync(data: data))
        {
            done = await first.SubmitAsync(ServeExperiments.Small(tstop: 10));
            await first.WaitAsync(done);
            spikes = await first.FileAsync(done, "spk_0.txt");
        }
        // A process that died mid-run leaves its row "running" (written here as that process would have).
        var store = new RunStore(data);
        var lost = RunIds.New();
        store.Insert(new RunRow(lost, "simulate", "queued", DateTimeOffset.UtcNow, null, null, "lost", ServeExperiments.Small(), null));
        store.Started(lost, DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Path.Combine(data, "runs", lost));
        File.WriteAllText(Path.Combine(data, "runs", lost, "spk_0.txt"), "partial");

        await using var second = await ServeHost.StartAsync(data: data);
        var list = await second.Client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Equal(new[] { lost, done }, list.EnumerateArray().Select(r => r.GetProperty("id").GetString()));   // newest first
        var interrupted = await second.StatusAsync(lost);
        Assert.Equal("interrupted", interrupted.GetProperty("status").GetString());
        Assert.Empty(interrupted.GetProperty("files").EnumerateArray());
        Assert.Equal("done", (await second.StatusAsync(done)).GetProperty("status").GetString());
        Assert.Equal(spikes, await second.FileAsync(done, "spk_0.txt"));
        using var events = await second.Client.GetAsync($"/api/runs/{lost}/events");
        Assert.Contains("\"status\":\"interrupted\"", await events.Content.ReadAsStringAsync());
        var result = await second.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{done}/result");
        Assert.Equal(24, result.GetProperty("gid_ranges").GetProperty("evprox1")[0].GetInt32());
    }
}
