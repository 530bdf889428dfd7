using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// The `hnn` command as a .NET tool, as the README installs it: packed from the clone (the build
/// the tests run against, `--no-build`: packing copies it, it does not compile again), installed
/// with `dotnet tool install --tool-path`, and run. Offline: the only package source is the
/// folder just packed into, and the NuGet package cache is a fresh one, so nothing comes from a
/// network or from an earlier install.
/// </summary>
public sealed class ToolPackageTests(ITestOutputHelper output)
{
    [Fact]
    public void PackedToolInstallsAndPrintsTheVersion()
    {
        var root = TestData.RepositoryRoot;
        var version = Regex.Match(File.ReadAllText(Path.Combine(root, "Directory.Build.props")), @"<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(version), "Directory.Build.props has no <Version>");
        // The configuration the tests were built in (bin/<Configuration>/net10.0/).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

        var tmp = HnnProcess.TempDir();
        try
        {
            var feed = Path.Combine(tmp, "nupkg");
            var config = Path.Combine(tmp, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
                """);
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(tmp, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

            Dotnet(environment, "pack", Path.Combine(root, "src", "Hnn.Host"), "-c", configuration, "--no-build", "-o", feed);
            Assert.True(File.Exists(Path.Combine(feed, $"HnnActors.{version}.nupkg")), $"no HnnActors.{version}.nupkg in {feed}: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            var tools = Path.Combine(tmp, "tools");
            Dotnet(environment, "tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", feed, "HnnActors", "--version", version);

            // The apphost finds the runtime this test runs on.
            environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
            var (code, stdout, stderr) = Run(Path.Combine(tools, "hnn"), environment, "--version");
            output.WriteLine($"{tools}/hnn --version: {stdout.Trim()} (exit {code}) {stderr}");
            Assert.Equal(0, code);
            Assert.Equal(version, stdout.Trim());
            Assert.Equal(version, typeof(Hnn.Host.Cli.RunOverrides).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);   // the installed tool and its package cache: some 300 MB
        }
    }

    private void Dotnet(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = Run("dotnet", environment, args);
        output.WriteLine($"dotnet {string.Join(' ', args.Take(2))}: exit {code}, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} failed ({code}):\n{stdout}\n{stderr}");
    }

    private static (int Code, string Stdout, string Stderr) Run(string program, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 180 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
