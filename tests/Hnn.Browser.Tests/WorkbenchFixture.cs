using OpenQA.Selenium.Chrome;

namespace Hnn.Browser.Tests;

/// <summary>One server and one browser for all the workbench tests, started when the first test needs them.</summary>
public sealed class WorkbenchFixture : IDisposable
{
    private readonly Lazy<(ServeProcess Server, ChromeDriver Driver)> started = new(() =>
    {
        var server = ServeProcess.Start();
        try
        {
            return (server, Chromium.Start());
        }
        catch
        {
            server.Dispose();
            throw;
        }
    });

    public ServeProcess Server => started.Value.Server;
    public ChromeDriver Driver => started.Value.Driver;

    public void Dispose()
    {
        if (!started.IsValueCreated) return;
        started.Value.Driver.Quit();
        started.Value.Server.Dispose();
    }
}

[CollectionDefinition("workbench")]
public sealed class WorkbenchCollection : ICollectionFixture<WorkbenchFixture>;
