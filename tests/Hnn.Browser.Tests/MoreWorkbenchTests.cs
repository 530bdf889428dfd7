using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Hnn.Browser.Tests;

/// <summary>Compare, sweep, cancel and the API key: the workbench's other paths through the server.</summary>
[Collection("workbench")]
public sealed class MoreWorkbenchTests(WorkbenchFixture fixture, ITestOutputHelper log)
{
    private Workbench Page()
    {
        Chromium.RequireOrSkip();
        return new Workbench(fixture.Driver, fixture.Server.Url, log);
    }

    [SkippableFact]
    public async Task Two_runs_dipoles_are_compared_with_their_rmse()
    {
        var page = Page();
        using var client = Experiments.Client(fixture.Server.Url);
        var a = Experiments.Erp(mesh: 3, tstop: 50);
        var b = Experiments.Erp(mesh: 3, tstop: 50);
        b["drives"]![1]!["mu"] = 20.0;
        var ids = new[] { await Experiments.RunToEnd(client, a), await Experiments.RunToEnd(client, b) };
        page.Open();
        page.Driver.FindElement(By.CssSelector("#compare-box summary")).Click();
        foreach (var (select, id) in new[] { ("compare-a", ids[0]), ("compare-b", ids[1]) })
            page.Driver.ExecuteScript("const s = document.getElementById(arguments[0]); s.value = arguments[1];", select, id);
        page.Click("compare-button");
        page.WaitFor(() => page.Driver.FindElements(By.Id("compare-rmse")).Count == 1, 10, "the comparison");
        var shown = double.Parse(page.Driver.FindElement(By.Id("compare-rmse")).Text, CultureInfo.InvariantCulture);

        // The same RMSE from the two dipole_0.txt files (agg column, written to 4 decimals).
        var agg = new double[2][];
        for (var k = 0; k < 2; k++)
            agg[k] = (await Experiments.FileLines(client, ids[k], "dipole_0.txt")).Select(l => double.Parse(l.Split('\t')[1], CultureInfo.InvariantCulture)).ToArray();
        var rmse = Math.Sqrt(agg[0].Zip(agg[1], (x, y) => (x - y) * (x - y)).Average());
        log.WriteLine($"RMSE page {shown} (4 digits), from dipole_0.txt {rmse:G6}: difference {Math.Abs(shown - rmse):G3}");
        Assert.True(rmse > 1e-4, $"the two runs' dipoles should differ (RMSE {rmse})");
        Assert.True(Math.Abs(shown - rmse) <= 5e-4 * rmse + 1e-4, $"page {shown} vs files {rmse}");
        page.Screenshot("compare", scrollTo: "compare-box");
    }

    [SkippableFact]
    public void A_sweep_fills_its_table_as_jobs_finish()
    {
        var page = Page();
        page.Open();
        var sweep = new JsonObject
        {
            ["experiment"] = Experiments.Erp(mesh: 3, tstop: 40),
            ["parameters"] = new JsonArray(new JsonObject { ["path"] = "drives.evprox1.mu", ["values"] = new JsonArray(20, 24, 28) }),
            ["summaries"] = new JsonArray("spike_counts", "dipole_peak"),
        };
        page.Driver.FindElement(By.CssSelector("#sweep-box summary")).Click();
        page.Driver.ExecuteScript("document.getElementById('sweep-json').value = arguments[0];", sweep.ToJsonString());
        page.Click("sweep-button");
        page.WaitFor(() => page.Driver.FindElement(By.Id("sweep")).GetAttribute("data-sweep-status") is "done" or "failed", 60, "the sweep");
        var box = page.Driver.FindElement(By.Id("sweep"));
        Assert.Equal("done", box.GetAttribute("data-sweep-status"));
        Assert.Equal("3", box.GetAttribute("data-jobs-shown"));
        var headers = page.Driver.FindElements(By.CssSelector("#sweep-table th")).Select(h => h.Text).ToArray();
        log.WriteLine("sweep table columns: " + string.Join(", ", headers));
        Assert.Contains("drives.evprox1.mu", headers);
        var mus = page.Driver.FindElements(By.CssSelector("#sweep-table tbody tr")).Select(r => r.FindElements(By.TagName("td"))[Array.IndexOf(headers, "drives.evprox1.mu")].Text).ToArray();
        Assert.Equal(["20", "24", "28"], mus);
        page.Screenshot("sweep", scrollTo: "sweep-box");

        // opened again from the runs list of a fresh page: the table comes from /result
        var id = box.GetAttribute("data-sweep-id");
        page.Open();
        page.WaitFor(() => page.Driver.FindElements(By.CssSelector($"#runs-list button.open-run[data-id='{id}']")).Count == 1, 10, $"sweep {id} in the list");
        page.ClickFirst($"#runs-list button.open-run[data-id='{id}']");
        page.WaitFor(() => page.Driver.FindElement(By.Id("sweep")).GetAttribute("data-jobs-shown") == "3", 10, "the stored table");
    }

    [SkippableFact]
    public async Task A_running_run_is_cancelled_from_the_page()
    {
        var page = Page();
        page.Open();
        page.SetExperiment(Experiments.Erp(mesh: 10, tstop: 170, trials: 20).ToJsonString());
        page.Click("run-button");
        page.WaitFor(() => page.Data("runStatus") == "running" && page.Number("spikesDrawn") > 0, 60, "the run to draw spikes");
        // a second look from a fresh page: the running run opened from the list replays its stream from the start
        var id = page.Data("runId")!;
        page.Open();
        page.WaitFor(() => page.Driver.FindElements(By.CssSelector($"#runs-list button.open-run[data-id='{id}']")).Count == 1, 10, $"run {id} in the list");
        page.WatchLive();
        page.ClickFirst($"#runs-list button.open-run[data-id='{id}']");
        page.WaitFor(() => page.LiveSeen() is not null, 30, "the replayed spikes of the running run");
        log.WriteLine($"joined late: {page.LiveSeen()!["spikes"]} spikes drawn at once, progress {page.LiveSeen()!["progress"]}");
        page.Click("cancel-button");
        page.WaitFor(() => page.Data("runStatus") is "cancelled" or "done" or "failed", 30, "the run to end");
        Assert.Equal("cancelled", page.Data("runStatus"));
        using var client = Experiments.Client(fixture.Server.Url);
        Assert.Equal(id, page.Data("runId"));
        var run = JsonNode.Parse(await client.GetStringAsync($"api/runs/{id}"))!;
        Assert.Equal("cancelled", run["status"]!.GetValue<string>());
        log.WriteLine($"cancelled at {run["progress"]?.ToJsonString()}");
    }

    [SkippableFact]
    public void With_an_api_key_the_page_sends_it_from_its_url()
    {
        Chromium.RequireOrSkip();
        Skip.If(Environment.GetEnvironmentVariable("HNN_SERVE_URL") is { Length: > 0 }, "needs a server of its own, with a key (HNN_SERVE_URL is set)");
        using var server = ServeProcess.Start("--api-key", "s3cret-key-0123456789");
        var page = new Workbench(fixture.Driver, server.Url, log);

        page.Open();   // no key: the API answers 401 and the page says so
        Assert.Contains("GET /api/models", page.Error());
        log.WriteLine($"without the key: {page.Error()}");

        page.Open("?api_key=s3cret-key-0123456789");
        Assert.Equal("", page.Error());
        page.SetExperiment(Experiments.Erp(mesh: 3, tstop: 30).ToJsonString());
        page.Click("run-button");   // POST with X-Api-Key, then the event stream with ?api_key=
        page.WaitFor(() => page.Data("runStatus") is "done" or "failed" or "refused", 30, "the run with the key");
        Assert.Equal("done", page.Data("runStatus"));
        Assert.True(page.Number("spikesDrawn") > 0);
        page.ClickFirst($"#runs-list button.open-run[data-id='{page.Data("runId")}']");
        page.WaitFor(() => page.Driver.FindElements(By.CssSelector("#run-files a[download='spk_0.txt']")).Count == 1, 10, "the file links");
        Assert.Contains("api_key=s3cret-key-0123456789", page.Driver.FindElement(By.CssSelector("#run-files a[download='spk_0.txt']")).GetAttribute("href"));
    }
}
