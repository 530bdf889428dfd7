using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hnn.Browser.Tests;

/// <summary>
/// The real `hnn serve` (hnn.dll beside the tests) on a free loopback port with its own data folder;
/// the port comes from its "hnn serve: listening on URL" line. HNN_SERVE_URL points the tests at a
/// server already running instead (for working on the page).
/// </summary>
public sealed partial class ServeProcess : IDisposable
{
    private readonly Process? process;
    private readonly List<string> output = [];

    public string Url { get; }
    public string DataDir { get; }

    private ServeProcess(Process? process, string url, string dataDir)
    {
        this.process = process;
        Url = url.TrimEnd('/');
        DataDir = dataDir;
    }

    public static ServeProcess Start(params string[] extraArgs)
    {
        var data = Path.Combine(Path.GetTempPath(), "hnn-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        if (Environment.GetEnvironmentVariable("HNN_SERVE_URL") is { Length: > 0 } existing)
            return new ServeProcess(null, existing, data);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hnn.dll"), "serve", "--urls", "http://127.0.0.1:0", "--data", data }.Concat(extraArgs))
            start.ArgumentList.Add(a);
        var p = Process.Start(start)!;
        var lines = new List<string>();
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { url.TrySetException(new InvalidOperationException("hnn serve ended before it listened:\n" + string.Join('\n', lines))); return; }
            lock (lines) lines.Add(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m) url.TrySetResult(m.Groups[1].Value);
        };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (Task.WaitAny([url.Task], TimeSpan.FromSeconds(60)) < 0)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("hnn serve printed no 'listening on' line in 60 s:\n" + string.Join('\n', lines));
        }
        var server = new ServeProcess(p, url.Task.GetAwaiter().GetResult(), data);
        server.output.AddRange(lines);
        return server;
    }

    [GeneratedRegex(@"hnn serve: listening on (\S+)")]
    private static partial Regex Listening();

    public void Dispose()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
        process?.WaitForExit(10_000);
        process?.Dispose();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
