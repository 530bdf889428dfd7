using System.CommandLine;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Batch;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn batch SWEEP.json --out DIR [--jobs K] [--cluster ...]`: every job of a sweep as a whole
/// simulation, one per core (or per core of every cluster worker), with results.csv written as
/// jobs finish; rerunning the same command on the same folder resumes (docs/batch.md).
/// </summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var sweepFile = new Argument<string>("SWEEP") { Description = "sweep file (docs/sweep-file.md)" };
        var output = new Option<string>("--out") { Description = "folder for results.csv and jobs/<id>/ (rerun on it to resume)", Required = true };
        var jobs = new Option<int?>("--jobs") { Description = "jobs at once on each node (default: one per core)" };
        var coordinator = new CoordinatorOptions("spread the jobs over its workers");
        var command = new Command("batch", "Run every job of a sweep file as a whole simulation, in parallel, and write results.csv");
        command.Arguments.Add(sweepFile);
        command.Options.Add(output);
        command.Options.Add(jobs);
        coordinator.AddTo(command);
        command.SetAction((parse, cancel) => UserError.GuardAsync("batch", async () =>
        {
            // GuardAsync made Ctrl-C / SIGTERM cancel `cancel`; RunAsync turns that into its own line and 130 / 143.
            var path = parse.GetValue(sweepFile)!;
            var outDir = parse.GetValue(output)!;
            var k = parse.GetValue(jobs);
            if (k is < 1) throw new ArgumentException($"--jobs must be ≥ 1, got {k}");
            var onCluster = coordinator.OnCluster(parse);
            if (!File.Exists(path)) throw new FileNotFoundException($"sweep file '{path}' does not exist", path);
            var sweep = Sweep.ReadFile(path);
            var folder = BatchFolder.Open(outDir, sweep, sweep.SummaryColumns, sweep.KeyOf);
            var todo = sweep.Jobs.Where(j => !folder.IsDone(j.Id)).ToArray();
            Console.WriteLine($"{sweep.Jobs.Count} job(s) ({sweep.Combine} over {string.Join(", ", sweep.ParameterPaths)}); " +
                $"{sweep.Jobs.Count - todo.Length} already done in {outDir}");
            var options = new SimulatorOptions(JobsPerNode: k);
            if (onCluster)
            {
                return await coordinator.RunAsync(parse, async (system, workers) =>
                {
                    await using var simulator = new Simulator(system, options with { Workers = workers });
                    return await RunAsync(simulator, sweep, todo, folder, cancel);
                }, cancel);
            }
            await using (var simulator = Simulator.CreateLocal(options))
                return await RunAsync(simulator, sweep, todo, folder, cancel);
        }));
        return command;
    }

    private static async Task<int> RunAsync(Simulator simulator, Sweep sweep, IReadOnlyList<SweepJob> todo, BatchFolder folder, CancellationToken cancel)
    {
        var bar = new BatchProgressBar(sweep.Jobs.Count - todo.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var byId = todo.ToDictionary(j => j.Id);
        int done = 0, failed = 0;
        try
        {
            await foreach (var result in simulator.RunBatchAsync(sweep.WithJobs(todo), bar, cancel))
            {
                folder.Record(byId[result.Id], result, sweep.Keep);
                done++;
                if (result.Status == BatchJobStatus.Failed) failed++;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl-C / SIGTERM (Signals): finished jobs are in place, the running ones are dropped.
            bar.Finish();
            Console.Error.WriteLine($"hnn batch: cancelled with {folder.DoneCount} of {sweep.Jobs.Count} jobs done (kept in {folder.ResultsPath}); run the same command again to resume");
            return Signals.ExitCode;
        }
        bar.Finish(completed: true);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{folder.DoneCount} of {sweep.Jobs.Count} jobs done; this run: {done} job(s), {failed} failed, in {seconds:F1} s " +
            $"({(seconds > 0 ? done / seconds * 60.0 : 0):F1} simulations/min); wrote {folder.ResultsPath}");
        return failed > 0 ? 1 : 0;
    }
}
