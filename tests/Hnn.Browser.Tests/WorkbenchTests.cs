using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Hnn.Browser.Tests;

[Collection("workbench")]
public sealed class WorkbenchTests(WorkbenchFixture fixture, ITestOutputHelper log)
{
    private Workbench Page()
    {
        Chromium.RequireOrSkip();
        return new Workbench(fixture.Driver, fixture.Server.Url, log);
    }

    [SkippableFact]
    public async Task A_live_run_draws_spikes_while_it_runs_then_shows_the_stored_result()
    {
        var page = Page();
        page.Open();
        // Enough epochs to watch: the full ERP column for two trials (the raster follows the trial being run).
        page.SetExperiment(Experiments.Erp(mesh: 6, tstop: 170, trials: 2).ToJsonString());
        page.WatchLive();
        var clock = Stopwatch.StartNew();
        page.Click("run-button");
        // a picture of the run half-way, when the test is quick enough to catch it (the assertion is in-page, below)
        page.WaitFor(() => page.Data("runStatus") is not ("queued" or "idle") && page.Number("spikesDrawn") > 0 || page.Data("runStatus") is "done" or "failed", 60, "the first spikes");
        if (page.Data("runStatus") == "running") page.Screenshot("live-run-running");
        page.WaitFor(() => page.Data("runStatus") is "done" or "failed" or "cancelled", 60, "the run to end");
        log.WriteLine($"run: {clock.Elapsed.TotalSeconds:F1} s from the click to done");
        Assert.Equal("done", page.Data("runStatus"));

        var seen = page.LiveSeen();
        Assert.True(seen is not null, "no spikes were drawn while the status read 'running'");
        log.WriteLine($"first seen live: {seen!["spikes"]} spikes, {seen["samples"]} dipole samples, progress {seen["progress"]}");
        Assert.True(Convert.ToDouble(seen["progress"]) < 1, $"progress {seen["progress"]} when spikes were first seen: the run had ended already");

        // After done the page shows trial 0 as stored: every spike of spk_0.txt, every sample of dipole_0.txt.
        var id = page.Data("runId")!;
        using var client = Experiments.Client(fixture.Server.Url);
        var spikes = await Experiments.FileLines(client, id, "spk_0.txt");
        var dipole = await Experiments.FileLines(client, id, "dipole_0.txt");
        page.WaitFor(() => page.Number("spikesDrawn") == spikes.Length, 10, $"the raster to draw spk_0.txt's {spikes.Length} spikes");
        page.WaitFor(() => page.Number("dipoleSamples") == dipole.Length, 10, $"the dipole plot to draw dipole_0.txt's {dipole.Length} samples");
        log.WriteLine($"drawn: {page.Number("spikesDrawn")} spikes (spk_0.txt {spikes.Length}), {page.Number("dipoleSamples")} samples (dipole_0.txt {dipole.Length})");
        Assert.True(spikes.Length > 100, $"only {spikes.Length} spikes in the ERP run");
        Assert.Contains(id, page.Driver.FindElement(By.Id("runs-list")).Text);
        page.Screenshot("live-run-done");

        // the other trial, from the trial selector
        var trial1 = await Experiments.FileLines(client, id, "spk_1.txt");
        page.Driver.FindElement(By.Id("trial")).FindElements(By.TagName("option")).First(o => o.Text == "trial 1").Click();
        page.WaitFor(() => page.Number("spikesDrawn") == trial1.Length, 10, $"trial 1's {trial1.Length} spikes");
        Assert.NotEqual(spikes.Length, trial1.Length); // trial 1 has its own seeds
    }

    [SkippableFact]
    public async Task An_earlier_run_opens_with_its_raster_dipole_and_file_links()
    {
        var page = Page();
        using var client = Experiments.Client(fixture.Server.Url);
        var id = await Experiments.RunToEnd(client, Experiments.Erp(mesh: 3, tstop: 60));
        var spikes = await Experiments.FileLines(client, id, "spk_0.txt");
        page.Open();
        page.WaitFor(() => page.Driver.FindElements(By.CssSelector($"#runs-list button.open-run[data-id='{id}']")).Count == 1, 10, $"run {id} in the list");
        page.ClickFirst($"#runs-list button.open-run[data-id='{id}']");
        page.WaitFor(() => page.Data("shownRun") == id && page.Number("spikesDrawn") == spikes.Length, 15, $"run {id}'s {spikes.Length} spikes drawn");
        Assert.Equal(60 / 0.025 + 1, page.Number("dipoleSamples"));
        Assert.Equal(60.0, page.Experiment()["tstop"]!.GetValue<double>()); // its experiment is back in the editor

        var link = page.Driver.FindElement(By.CssSelector("#run-files a[download='spk_0.txt']"));
        var fromLink = (string?)page.Driver.ExecuteAsyncScript("const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", link.GetAttribute("href"));
        Assert.Equal(await client.GetStringAsync($"api/runs/{id}/files/spk_0.txt"), fromLink);
        page.Screenshot("earlier-run");
    }

    [SkippableFact]
    public void A_bad_value_is_refused_with_the_readers_message_next_to_its_field()
    {
        var page = Page();
        page.Open();
        var erp = Experiments.Erp(mesh: 3, tstop: 40);
        erp["drives"]![1]!["sigma"] = -1;
        page.SetExperiment(erp.ToJsonString());
        page.Click("run-button");
        page.WaitFor(() => page.Error().Length > 0, 10, "the error");
        var error = page.Error();
        log.WriteLine($"error shown: {error}");
        Assert.StartsWith("$.drives[1]", error);
        Assert.Contains("sigma", error);
        Assert.Equal("$.drives[1].sigma", page.Data("errorPath"));
        var field = page.Driver.FindElement(By.CssSelector(".error-field"));
        Assert.Equal("$.drives[1].sigma", field.GetAttribute("data-path"));
        Assert.True(field.Displayed);
        Assert.Equal("-1", field.FindElement(By.TagName("input")).GetAttribute("value"));
        Assert.Equal("refused", page.Data("runStatus"));
        page.Screenshot("bad-value");

        // over a limit of the server (--max-cells, 5000 by default): 422, shown at the mesh
        var big = Experiments.Erp(mesh: 60, tstop: 40);
        page.SetExperiment(big.ToJsonString());
        page.Click("run-button");
        page.WaitFor(() => page.Error().Contains("max-cells"), 10, "the limit's error");
        log.WriteLine($"limit shown: {page.Error()}");
        Assert.StartsWith("$.network.mesh_shape", page.Error());
        Assert.Equal("$.network.mesh_shape", page.Data("errorPath"));
        Assert.Equal("refused · 422", page.Driver.FindElement(By.Id("status")).Text);
    }

    [SkippableFact]
    public void The_form_is_generated_from_the_schema_and_writes_the_json()
    {
        var page = Page();
        page.Open();
        page.SetExperiment(Experiments.Erp(mesh: 3, tstop: 40).ToJsonString());
        var tstop = page.Driver.FindElement(By.CssSelector("[data-path='$.tstop'] input"));
        tstop.Clear();
        tstop.SendKeys("55");
        Assert.Equal(55.0, page.Experiment()["tstop"]!.GetValue<double>());

        var mu = page.Driver.FindElement(By.CssSelector("[data-path='$.drives[0].mu'] input"));
        Assert.Equal("63.53", mu.GetAttribute("value"));
        var models = page.Driver.FindElements(By.CssSelector("[data-path='$.network.model'] option")).Select(o => o.Text).ToArray();
        Assert.Contains("law_2021_model", models);
        Assert.Contains("calcium_model", models);

        // a new drive from the form: its kind chosen, then added with the required arguments filled in
        page.Driver.FindElement(By.CssSelector("select[aria-label='kind of new drives']")).FindElements(By.TagName("option")).First(o => o.Text == "poisson").Click();
        page.Driver.FindElements(By.TagName("button")).First(b => b.Text == "add drive").Click();
        var drives = page.Experiment()["drives"]!.AsArray();
        Assert.Equal(4, drives.Count);
        Assert.Equal("poisson", drives[3]!["type"]!.GetValue<string>());
        Assert.True(drives[3]!["rate_constant"] is not null);
        Assert.NotEmpty(page.Driver.FindElements(By.CssSelector("[data-path='$.drives[3].rate_constant']")));
    }
}

/// <summary>The plots' own code in the page: many small batches are drawn incrementally, not redrawn in full each time.</summary>
[Collection("workbench")]
public sealed class PlotTests(WorkbenchFixture fixture, ITestOutputHelper log)
{
    [SkippableFact]
    public void Ten_thousand_spikes_and_seven_thousand_samples_arrive_in_batches_and_are_drawn_incrementally()
    {
        Chromium.RequireOrSkip();
        var page = new Workbench(fixture.Driver, fixture.Server.Url, log);
        page.Open();
        // 200 events of 50 spikes (gids 0…1044) and of 35 dipole samples, one every 5 ms as a stream would bring them.
        var stats = (Dictionary<string, object>)page.Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            Promise.all([import('/raster.js'), import('/dipole.js')]).then(async ([{ Raster }, { DipolePlot }]) => {
              const box = document.createElement('div'); box.style.width = '900px'; document.body.append(box);
              const a = document.createElement('div'), b = document.createElement('div'); box.append(a, b);
              const raster = new Raster(a), dipole = new DipolePlot(b);
              const ranges = { L2_basket: [0, 35], L2_pyramidal: [35, 135], L5_basket: [135, 170], L5_pyramidal: [170, 270], evprox1: [270, 1045] };
              raster.reset(170, ranges); dipole.reset(170);
              await new Promise(r => setTimeout(r, 200));
              const before = { r: raster.fullDraws, d: dipole.fullDraws };
              let seed = 1; const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
              const t0 = performance.now(); let busy = 0, k = 0;
              for (let e = 0; e < 200; e++) {
                const s0 = performance.now();
                const times = [], gids = [];
                for (let i = 0; i < 50; i++) { times.push(e * 0.85 + rand() * 0.85); gids.push(Math.floor(rand() * 1045)); }
                raster.add(times, gids);
                const ts = [], agg = [], l2 = [], l5 = [];
                for (let i = 0; i < 35; i++, k++) { const t = k * 0.025; ts.push(t); l2.push(20 * Math.sin(t / 9)); l5.push(40 * Math.sin(t / 23) * t / 10); agg.push(l2[i] + l5[i]); }
                dipole.addSamples({ times: ts, agg, L2: l2, L5: l5 });
                busy += performance.now() - s0;
                await new Promise(r => setTimeout(r, 5));
              }
              await new Promise(r => setTimeout(r, 300));
              done({ spikes: raster.count, samples: dipole.samples, rasterFull: raster.fullDraws - before.r, dipoleFull: dipole.fullDraws - before.d,
                     rasterFrames: raster.frames, rasterDrawMs: raster.drawMs, dipoleDrawMs: dipole.drawMs, wallMs: performance.now() - t0, busyMs: busy });
            }, e => done({ error: String(e) }));
            """)!;
        log.WriteLine(string.Join(", ", stats.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.False(stats.ContainsKey("error"), stats.GetValueOrDefault("error")?.ToString());
        Assert.Equal(10_000L, Convert.ToInt64(stats["spikes"]));
        Assert.Equal(7_000L, Convert.ToInt64(stats["samples"]));
        Assert.True(Convert.ToInt64(stats["rasterFull"]) <= 1, $"{stats["rasterFull"]} full raster redraws"); // the first spikes replace the placeholder; the rest are drawn on top
        Assert.True(Convert.ToInt64(stats["dipoleFull"]) <= 12, $"{stats["dipoleFull"]} full dipole redraws for 200 batches");
    }
}
