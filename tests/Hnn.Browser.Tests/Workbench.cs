using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace Hnn.Browser.Tests;

/// <summary>The workbench page in one browser tab, driven the way the tests need it.</summary>
public sealed class Workbench(ChromeDriver driver, string baseUrl, ITestOutputHelper log)
{
    public ChromeDriver Driver => driver;

    /// <summary>Loads the page (optionally with a query such as "?api_key=…") and waits until it has started.</summary>
    public void Open(string query = "")
    {
        driver.Navigate().GoToUrl(baseUrl + "/" + query);
        WaitFor(() => Data("ready") == "true" || Error().Length > 0, 20, "the page to start");
    }

    public string? Data(string key) => driver.ExecuteScript($"return document.body.dataset['{key}'] ?? null;") as string;

    public long Number(string key) => long.TryParse(Data(key), out var n) ? n : -1;

    public string Error() => driver.FindElement(By.Id("error")) is { Displayed: true } e ? e.Text : "";

    /// <summary>Puts an experiment into the JSON view, as typing it would (the form follows).</summary>
    public void SetExperiment(string json) => driver.ExecuteScript(
        "const a = document.getElementById('json'); a.value = arguments[0]; a.dispatchEvent(new Event('input', {bubbles: true}));", json);

    public JsonNode Experiment() => JsonNode.Parse((string?)driver.ExecuteScript("return document.getElementById('json').value;") ?? "null")!;

    public void Click(string id) => driver.FindElement(By.Id(id)).Click();

    /// <summary>Clicks the element <paramref name="css"/> names in one step inside the page (a list that re-renders cannot leave a stale reference).</summary>
    public void ClickFirst(string css)
    {
        if (driver.ExecuteScript("const e = document.querySelector(arguments[0]); if (e) e.click(); return !!e;", css) is not true)
            throw new NoSuchElementException($"nothing matches {css}");
    }

    public void WaitFor(Func<bool> condition, double seconds, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
                throw new TimeoutException($"waited {seconds} s for {what}; status '{Data("runStatus")}', spikesDrawn {Data("spikesDrawn")}, error '{Error()}'");
            Thread.Sleep(50);
        }
    }

    /// <summary>Saves a PNG of the tab (scrolled to element <paramref name="scrollTo"/> first) under the tests' artifacts folder and prints its path.</summary>
    public string Screenshot(string name, string? scrollTo = null)
    {
        if (scrollTo is not null)
            driver.ExecuteScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start', behavior: 'instant'});", scrollTo);
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        driver.GetScreenshot().SaveAsFile(path);
        log.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>
    /// Watches, inside the page at every 10 ms, for spikes drawn while the run still reads "running":
    /// the first such moment is kept in window.liveSeen (spikes drawn, progress then).
    /// </summary>
    public void WatchLive() => driver.ExecuteScript("""
        window.liveSeen = null;
        clearInterval(window.liveWatch);
        window.liveWatch = setInterval(() => {
          const d = document.body.dataset;
          if (!window.liveSeen && d.runStatus === 'running' && Number(d.spikesDrawn) > 0)
            window.liveSeen = { spikes: Number(d.spikesDrawn), samples: Number(d.dipoleSamples), progress: document.getElementById('progress').value };
        }, 10);
        """);

    public Dictionary<string, object>? LiveSeen() => driver.ExecuteScript("return window.liveSeen;") as Dictionary<string, object>;
}
