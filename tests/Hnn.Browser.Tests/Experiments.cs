using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hnn.Browser.Tests;

/// <summary>The ERP example (examples/erp.json) resized for a test, and the server's API for setting up runs.</summary>
public static class Experiments
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HnnActors.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HnnActors.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>examples/erp.json with another mesh, length and number of trials.</summary>
    public static JsonObject Erp(int mesh = 10, double tstop = 170, int trials = 1)
    {
        var erp = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "examples", "erp.json")))!.AsObject();
        erp["network"]!["mesh_shape"] = new JsonArray(mesh, mesh);
        erp["tstop"] = tstop;
        erp["n_trials"] = trials;
        return erp;
    }

    public static HttpClient Client(string baseUrl, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Submits a run and waits until it has finished; returns its id.</summary>
    public static async Task<string> RunToEnd(HttpClient client, JsonObject experiment, double seconds = 60)
    {
        var post = await client.PostAsync("api/runs", new StringContent(experiment.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await post.Content.ReadAsStringAsync();
        Assert.True((int)post.StatusCode == 202, $"POST /api/runs: {(int)post.StatusCode} {text}");
        var id = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            var run = await client.GetFromJsonAsync<JsonObject>($"api/runs/{id}");
            var status = run!["status"]!.GetValue<string>();
            if (status == "done") return id;
            Assert.True(status is "queued" or "running", $"run {id} ended {status}: {run["error"]}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {id} not done in {seconds} s");
    }

    /// <summary>The non-empty lines of one of a run's files.</summary>
    public static async Task<string[]> FileLines(HttpClient client, string id, string name) =>
        (await client.GetStringAsync($"api/runs/{id}/files/{name}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
