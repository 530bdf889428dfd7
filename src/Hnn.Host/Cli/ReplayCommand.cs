using System.CommandLine;
using Hnn.Host.Files;
using ReplayExample;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn replay --out DIR`: the flagship, HNN-core's tutorial "Replaying Spike Data as Input"
/// end to end (examples/ReplayExample/ReplayTutorial.cs, compiled into the host). With --live, the same
/// two networks as one coupled run, A's spikes reaching B while both run (LiveReplayTutorial.cs).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "folder for net_A/, net_B/ and the plots", Required = true };
        var live = new Option<bool>("--live") { Description = "simulate A and B together, A's pyramidal spikes reaching B as they are fired (one coupled run)" };
        var command = new Command("replay", "Simulate Network A, replay its pyramidal spikes into Network B, write files and plots");
        command.Options.Add(output);
        command.Options.Add(live);
        command.SetAction((parse, cancel) => UserError.GuardAsync("replay", async () =>
        {
            var outDir = parse.GetValue(output)!;
            RunFolder.CheckReplaceable(outDir, RunFolder.ReplayOutputs);
            var bar = new ProgressBar();
            var log = new ProgressAwareWriter(bar);
            if (parse.GetValue(live)) return await RunLiveAsync(outDir, bar, log, cancel);
            ReplayOutcome? done = null;
            // Both networks and the plots go into a temporary folder beside --out, put in place as a whole at the end.
            await AtomicFolder.WriteAsync(outDir, async temp =>
            {
                done = await ReplayTutorial.RunAsync(temp, log, bar, cancel);
                cancel.ThrowIfCancellationRequested();
            });
            var outcome = done!;
            bar.Finish();
            var a = outcome.NetworkA.Timings[0];
            var b = outcome.NetworkB.Timings[0];
            Console.WriteLine($"Network A: {outcome.NetworkA.CellResponse.SpikeTimes[0].Length} spikes, simulated in {a.Build.TotalSeconds + a.Simulate.TotalSeconds:F2} s; " +
                              $"Network B: {outcome.NetworkB.CellResponse.SpikeTimes[0].Length} spikes in {b.Build.TotalSeconds + b.Simulate.TotalSeconds:F2} s");
            Console.WriteLine($"wrote {Path.Combine(outDir, "net_A")}, {Path.Combine(outDir, "net_B")} and the plots in {outDir}");
            return 0;
        }));
        return command;
    }

    private static async Task<int> RunLiveAsync(string outDir, ProgressBar bar, TextWriter log, CancellationToken cancel)
    {
        LiveReplayOutcome? done = null;
        await AtomicFolder.WriteAsync(outDir, async temp =>
        {
            done = await LiveReplayTutorial.RunAsync(temp, log, bar, cancel);
            cancel.ThrowIfCancellationRequested();
        });
        var outcome = done!;
        bar.Finish();
        Console.WriteLine($"Network A: {outcome.NetworkA.CellResponse.SpikeTimes[0].Length} spikes; Network B: {outcome.NetworkB.CellResponse.SpikeTimes[0].Length} spikes; " +
                          $"simulated together in {outcome.Wall.TotalSeconds:F2} s");
        Console.WriteLine($"wrote {Path.Combine(outDir, "net_A")}, {Path.Combine(outDir, "net_B")}, raster.png and summary.json in {outDir}");
        return 0;
    }

    // The tutorial's own lines start on a fresh line even while the progress bar is drawn.
    private sealed class ProgressAwareWriter(ProgressBar bar) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            bar.Finish();
            Console.WriteLine(value);
        }
    }
}
