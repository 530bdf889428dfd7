using System.Diagnostics;

namespace Hnn.Host.Tests;

/// <summary>Runs the built `hnn` (hnn.dll beside the test assembly) as a child process.</summary>
internal static class HnnProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunDll("hnn.dll", args);

    /// <summary>Runs another program built beside the tests (e.g. ReplayExample.dll).</summary>
    public static Result RunDll(string dllName, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, dllName);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dllName} {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hnn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
