using System.Diagnostics;
using Xunit.Abstractions;

namespace Hnn.Browser.Tests;

/// <summary>
/// docs/images/workbench.png: the workbench after the real ERP run (examples/erp.json, 10×10, with HNN-core's
/// smooth 30 / scale 3000 post-processing), at 1280×800.
/// Runs only when HNN_WORKBENCH_SCREENSHOT names the file to write:
/// HNN_WORKBENCH_SCREENSHOT=$PWD/docs/images/workbench.png dotnet test tests/Hnn.Browser.Tests -c Release --filter ReadmeScreenshot
/// </summary>
[Collection("workbench")]
public sealed class ReadmeScreenshot(WorkbenchFixture fixture, ITestOutputHelper log)
{
    [SkippableFact]
    public void The_erp_run_as_the_readme_shows_it()
    {
        var target = Environment.GetEnvironmentVariable("HNN_WORKBENCH_SCREENSHOT");
        Skip.If(string.IsNullOrEmpty(target), "set HNN_WORKBENCH_SCREENSHOT=<png path> to write the README's screenshot");
        Chromium.RequireOrSkip();
        var driver = fixture.Driver;
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride",
            new Dictionary<string, object?> { ["width"] = 1280, ["height"] = 800, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        try
        {
            var page = new Workbench(driver, fixture.Server.Url, log);
            page.Open();
            // examples/erp.json (the 10×10 column) with the smoothing and scaling of HNN-core's ERP example
            var erp = Experiments.Erp();
            erp["postproc"] = new System.Text.Json.Nodes.JsonObject { ["smooth"] = 30, ["scale"] = 3000 };
            page.SetExperiment(erp.ToJsonString());
            page.Click("tidy-json");
            var clock = Stopwatch.StartNew();
            page.Click("run-button");
            page.WaitFor(() => page.Data("runStatus") is "done" or "failed", 300, "the ERP run");
            log.WriteLine($"ERP 10×10 from the click to done: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal("done", page.Data("runStatus"));
            page.WaitFor(() => page.Number("spikesDrawn") > 0, 10, "the stored raster");
            Thread.Sleep(300);
            driver.GetScreenshot().SaveAsFile(target!);
            log.WriteLine($"screenshot: {target}");
        }
        finally
        {
            driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        }
    }
}
