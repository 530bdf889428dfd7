using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Hnn.Browser.Tests;

/// <summary>
/// Headless Chromium through chromedriver, both Debian's (/usr/bin/chromium, /usr/bin/chromedriver, or
/// HNN_CHROMIUM / HNN_CHROMEDRIVER). Both paths are given explicitly, so Selenium Manager never runs
/// and nothing is downloaded.
/// </summary>
public static class Chromium
{
    public static string Browser => Environment.GetEnvironmentVariable("HNN_CHROMIUM") is { Length: > 0 } b ? b : "/usr/bin/chromium";
    public static string Driver => Environment.GetEnvironmentVariable("HNN_CHROMEDRIVER") is { Length: > 0 } d ? d : "/usr/bin/chromedriver";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Missing()
    {
        var missing = new[] { Browser, Driver }.Where(p => !File.Exists(p)).ToArray();
        return missing.Length == 0 ? null
            : $"{string.Join(" and ", missing)} not found: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), or set HNN_CHROMIUM / HNN_CHROMEDRIVER";
    }

    /// <summary>Skips the calling test when the browser is missing, or fails it when HNN_REQUIRE_BROWSER=1.</summary>
    public static void RequireOrSkip()
    {
        if (Missing() is not { } why) return;
        if (Environment.GetEnvironmentVariable("HNN_REQUIRE_BROWSER") == "1")
            throw new InvalidOperationException($"HNN_REQUIRE_BROWSER=1 but {why}");
        Skip.If(true, $"browser tests skipped: {why}");
    }

    public static ChromeDriver Start(int width = 1280, int height = 800)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--hide-scrollbars", $"--window-size={width},{height}",
            "--force-device-scale-factor=1");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        return driver;
    }
}
