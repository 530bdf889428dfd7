using System.Net.Http.Json;
using System.Text.Json;
using Hnn.Host.Serve;
using Microsoft.Extensions.Configuration;

namespace Hnn.Host.Tests.Serve;

/// <summary>The `hnn serve` verb as a process, and its configuration keys.</summary>
[Collection("serve")]
public sealed class ServeCommandTests
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task Hnn_serve_prints_the_bound_address_serves_runs_and_stops_on_sigterm()
    {
        var data = HnnProcess.TempDir();
        using var process = HnnProcess.Start("serve", "--urls", "http://127.0.0.1:0", "--data", data);
        var stderr = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(line);
        Assert.Matches(@"^hnn serve: listening on http://127\.0\.0\.1:[1-9][0-9]*$", line);
        using var client = new HttpClient { BaseAddress = new Uri(line["hnn serve: listening on ".Length..]) };
        Assert.Equal("ok", (await client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("status").GetString());
        using var post = await client.PostAsync("/api/runs", new StringContent(ServeExperiments.Small(tstop: 10)));
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        string? status = null;
        for (var i = 0; i < 600 && status is not "done"; i++, await Task.Delay(50))
            status = (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString();
        Assert.Equal("done", status);
        Assert.True(File.Exists(Path.Combine(data, "runs.db")));
        Assert.True(File.Exists(Path.Combine(data, "runs", id!, "spk_0.txt")));

        Assert.Equal(0, Kill(process.Id, 15));
        Assert.True(process.WaitForExit(30_000), "hnn serve did not stop within 30 s of SIGTERM");
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("hnn serve: stopped", await stderr);
        Assert.Equal("", (await process.StandardOutput.ReadToEndAsync()).Trim());   // stdout: the one line only
    }

    [Fact]
    public void Options_come_from_configuration_with_defaults_for_the_rest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hnn:Serve:ApiKey"] = "a-key-from-configuration",
            ["Hnn:Serve:MaxConcurrent"] = "3",
            ["Hnn:Serve:MaxTstop"] = "500",
            ["Hnn:Serve:Data"] = "/srv/hnn",
        }).Build();
        var options = ServeOptions.From(configuration);
        Assert.Equal("a-key-from-configuration", options.ApiKey);
        Assert.Equal(3, options.MaxConcurrent);
        Assert.Equal(500, options.MaxTstop);
        Assert.Equal("/srv/hnn", options.DataDirectory);
        Assert.Equal(5000, options.MaxCells);   // the default where configuration says nothing
        Assert.Equal("http://127.0.0.1:8080", options.Urls);
        var e = Assert.Throws<ArgumentException>((options with { MaxConcurrent = 0 }).Validate);
        Assert.Equal("--max-concurrent must be ≥ 1, got 0", e.Message);
        Assert.Contains("at least 16 characters", Assert.Throws<ArgumentException>((options with { ApiKey = "short" }).Validate).Message);
    }
}
