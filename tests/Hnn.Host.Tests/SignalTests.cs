using System.Diagnostics;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// Ctrl-C and SIGTERM stop a run cleanly: one line "cancelled at t = … ms, nothing written",
/// exit 130 / 143, no --out folder and no temporary folder; a second Ctrl-C ends it at once.
/// The real `hnn` process gets the signal once its progress shows the run under way.
/// </summary>
public sealed class SignalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("simulate", "INT", 130)]
    [InlineData("simulate", "TERM", 143)]
    [InlineData("replay", "INT", 130)]
    [InlineData("replay", "TERM", 143)]
    public void ASignalMidRunCancelsItAndLeavesNothing(string verb, string signal, int exitCode)
    {
        var (r, dir, seconds) = Interrupt(verb, signal, 1);
        output.WriteLine($"{verb} SIG{signal}: exit {r.ExitCode} {seconds:F2} s after the signal; {r.Stderr.Trim()}");
        Assert.Equal(exitCode, r.ExitCode);
        var m = System.Text.RegularExpressions.Regex.Match(r.Stderr.Trim(), $@"^hnn {verb}: cancelled at t = (\d+(\.\d+)?) ms, nothing written$");
        Assert.True(m.Success, r.Stderr);
        Assert.InRange(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 30, 170);
        Assert.Equal(new[] { "experiment.json" }, Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)).ToArray());
    }

    [Fact]
    public void ASecondCtrlCEndsItAtOnce()
    {
        var (r, dir, seconds) = Interrupt("simulate", "INT", 2);
        output.WriteLine($"two SIGINTs: exit {r.ExitCode} {seconds:F2} s after the first; {r.Stderr.Trim()}");
        Assert.Equal(130, r.ExitCode);
        Assert.Contains("stopped at once (second signal)", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static double SimulatedMs(string progress) =>
        double.Parse(progress["trial 1/1: ".Length..progress.IndexOf('/', "trial 1/1: ".Length)], System.Globalization.CultureInfo.InvariantCulture);

    private static (HnnProcess.Result Result, string Dir, double Seconds) Interrupt(string verb, string signal, int times)
    {
        var dir = HnnProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "experiment.json"), File.ReadAllText(TestData.Example("erp.json")));
        var outDir = Path.Combine(dir, "out");
        string[] args = verb == "replay" ? ["replay", "--out", outDir] : ["simulate", Path.Combine(dir, "experiment.json"), "--out", outDir];
        using var process = HnnProcess.Start(args);
        var stderr = process.StandardError.ReadToEndAsync();
        // Redirected, the progress bar prints "trial 1/1: 34.0/170 ms" every 10%; signal from 20% on, mid-run.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !(line.StartsWith("trial 1/1: ", StringComparison.Ordinal) && SimulatedMs(line) >= 30)) { }
        Assert.NotNull(line);
        var clock = Stopwatch.StartNew();
        // Straight from this process: 20 ms apart is long enough for the first to be handled (two
        // signals pending at once would merge into one) and far shorter than the clean stop.
        for (var i = 0; i < times; i++)
        {
            if (i > 0) Thread.Sleep(20);
            Assert.Equal(0, Kill(process.Id, signal == "INT" ? 2 : 15));
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hnn {verb} did not stop within 60 s of SIGINT/SIGTERM");
        }
        return (new HnnProcess.Result(process.ExitCode, stdout.Result, stderr.Result), dir, clock.Elapsed.TotalSeconds);
    }
}
