using System.Net.Http.Json;
using System.Text.Json;
using Hnn.Host.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hnn.Host.Tests.Serve;

/// <summary>The serve tests run one after the other: each starts servers that use every core.</summary>
[CollectionDefinition("serve", DisableParallelization = true)]
public sealed class ServeCollection;

/// <summary>An `hnn serve` app on Kestrel at 127.0.0.1 (a free port), its data in a new temp folder unless given, and a client for it.</summary>
internal sealed class ServeHost : IAsyncDisposable
{
    private ServeHost(WebApplication app, string data, string url)
    {
        App = app;
        Data = data;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }
    public string Data { get; }
    public string Url { get; }
    public HttpClient Client { get; }
    public RunService Runs => App.Services.GetRequiredService<RunService>();

    public static async Task<ServeHost> StartAsync(Func<ServeOptions, ServeOptions>? adjust = null, string? data = null)
    {
        data ??= HnnProcess.TempDir();
        var (builder, options) = ServeApp.CreateBuilder([], o => (adjust ?? (x => x))(o with { Urls = "http://127.0.0.1:0", DataDirectory = data }));
        var app = ServeApp.Build(builder, options);
        await app.StartAsync();
        return new ServeHost(app, data, ServeApp.Addresses(app)[0]);
    }

    public async Task<string> SubmitAsync(string json, string route = "/api/runs")
    {
        using var response = await Client.PostAsync(route, new StringContent(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST {route}: {(int)response.StatusCode} {body}");
        Assert.NotNull(response.Headers.Location);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string id) => await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");

    /// <summary>Polls until the run has ended (any final status), 60 s at most.</summary>
    public async Task<JsonElement> WaitAsync(string id, int timeoutSeconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var s = await StatusAsync(id);
            if (s.GetProperty("status").GetString() is "done" or "failed" or "cancelled" or "interrupted") return s;
            if (DateTime.UtcNow > until) throw new TimeoutException($"run {id} still {s.GetProperty("status")} after {timeoutSeconds} s");
            await Task.Delay(50);
        }
    }

    public Task<byte[]> FileAsync(string id, string name) => Client.GetByteArrayAsync($"/api/runs/{id}/files/{name}");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Small experiment files for the serve tests (mesh 3×3, one evoked drive that makes the cells fire).</summary>
internal static class ServeExperiments
{
    public static string Small(int seed = 4, double tstop = 20, int meshX = 3, int nTrials = 1, string extraDrive = "") => $$"""
        {
          "network": {"model": "jones_2009_model", "mesh_shape": [{{meshX}}, 3]},
          "tstop": {{tstop.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
          "n_trials": {{nTrials}},
          "drives": [
            {"type": "evoked", "name": "evprox1", "mu": 8, "sigma": 2, "numspikes": 1, "location": "proximal",
             "weights_ampa": {"L2_basket": 0.08, "L2_pyramidal": 0.02, "L5_basket": 0.2, "L5_pyramidal": 0.02},
             "synaptic_delays": {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}, "event_seed": {{seed}}}{{extraDrive}}
          ]
        }
        """;
}

/// <summary>Reads a Server-Sent Events stream: (event, data) pairs as they arrive.</summary>
internal static class SseReader
{
    public static async IAsyncEnumerable<(string Event, JsonElement Data)> ReadAsync(Stream stream,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        using var reader = new StreamReader(stream);
        string? name = null, data = null;
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && name is not null && data is not null)
            {
                yield return (name, JsonDocument.Parse(data).RootElement.Clone());
                name = data = null;
            }
        }
    }
}
