using System.Diagnostics;

namespace Hnn.Host.Tests;

/// <summary>Runs the built `hnn` (hnn.dll beside the test assembly) as a child process.</summary>
internal static class HnnProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunDll("hnn.dll", args);

    /// <summary>Runs `hnn` with extra environment variables (e.g. HNN_MEMORY_LIMIT_MB).</summary>
    public static Result RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunDll("hnn.dll", args, environment);

    /// <summary>Runs another program built beside the tests (e.g. ReplayExample.dll).</summary>
    public static Result RunDll(string dllName, params string[] args) => RunDll(dllName, args, null);

    private static Result RunDll(string dllName, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        using var process = Process.Start(StartInfo(dllName, args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dllName} {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts `hnn` and leaves it running (signal tests). SIGINT and SIGTERM are reset to their
    /// default action in the child (env --default-signal), since a test runner started in the
    /// background hands its children an ignored SIGINT.
    /// </summary>
    public static Process Start(params string[] args)
    {
        var start = StartInfo("hnn.dll", args, null);
        start.ArgumentList.Insert(0, "dotnet");
        start.ArgumentList.Insert(0, "--default-signal=INT,TERM");
        start.FileName = "env";
        return Process.Start(start)!;
    }

    private static ProcessStartInfo StartInfo(string dllName, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, dllName);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hnn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
