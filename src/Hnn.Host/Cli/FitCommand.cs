using System.CommandLine;
using System.Globalization;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Fitting;
using Hnn.Host.Files;
using Hnn.Host.Plots;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn fit FIT.json --out DIR [--jobs K] [--cluster ...]`: fits an experiment's parameters to data
/// (docs/fit-file.md); each generation's candidates run as one batch, on every core or cluster
/// worker. Rerunning the same command on the same folder resumes from history.csv.
/// </summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var fitFile = new Argument<string>("FIT") { Description = "fit file (docs/fit-file.md)" };
        var output = new Option<string>("--out") { Description = "folder for history.csv, best.json, fit.png, convergence.png (rerun on it to resume)", Required = true };
        var jobs = new Option<int?>("--jobs") { Description = "simulations at once on each node (default: one per core)" };
        var coordinator = new CoordinatorOptions("spread each generation over its workers");
        var command = new Command("fit", "Fit an experiment's parameters to a recorded dipole (or a spectral band), many candidates at once");
        command.Arguments.Add(fitFile);
        command.Options.Add(output);
        command.Options.Add(jobs);
        coordinator.AddTo(command);
        command.SetAction((parse, cancel) => UserError.GuardAsync("fit", async () =>
        {
            var path = parse.GetValue(fitFile)!;
            var outDir = parse.GetValue(output)!;
            var k = parse.GetValue(jobs);
            if (k is < 1) throw new ArgumentException($"--jobs must be ≥ 1, got {k}");
            var onCluster = coordinator.OnCluster(parse);
            if (!File.Exists(path)) throw new FileNotFoundException($"fit file '{path}' does not exist", path);
            var fit = Fit.ReadFile(path);
            var folder = FitFolder.Open(outDir, fit, path);
            Console.WriteLine($"fit of {fit.Parameters.Count} parameter(s) ({string.Join(", ", fit.Parameters.Select(p => p.Path))}) by {fit.Solver}, " +
                $"objective {fit.Objective.Name}, at most {fit.MaxSimulations} simulations" +
                (folder.Earlier.Count > 0 ? $"; {folder.Earlier.Count} earlier simulation(s) in {outDir} to resume from" : ""));
            var options = new SimulatorOptions(JobsPerNode: k);
            if (onCluster)
            {
                return await coordinator.RunAsync(parse, async (system, workers) =>
                {
                    await using var simulator = new Simulator(system, options with { Workers = workers });
                    return await RunAsync(simulator, fit, folder, cancel);
                }, cancel);
            }
            await using (var simulator = Simulator.CreateLocal(options))
                return await RunAsync(simulator, fit, folder, cancel);
        }));
        return command;
    }

    private static async Task<int> RunAsync(Simulator simulator, Fit fit, FitFolder folder, CancellationToken cancel)
    {
        var bar = new FitProgressBar(fit.Objective.Name);
        var history = new FitHistory(folder.Earlier);
        history.Recorded += folder.Record;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        FitResult result;
        try
        {
            result = await simulator.FitAsync(fit, bar, cancel, history);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            bar.Finish();
            Console.Error.WriteLine($"hnn fit: cancelled after {history.Evaluations.Count} simulation(s) (kept in {folder.HistoryPath}); run the same command again to resume");
            return Signals.ExitCode;
        }
        bar.Finish();
        var seconds = clock.Elapsed.TotalSeconds;
        var evaluations = result.Evaluations;
        var failed = evaluations.Count(e => !e.Succeeded);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{evaluations.Count} simulation(s) ({failed} failed) in {seconds:F1} s; stopped: {(result.StopReason == "budget" ? "budget spent" : "the solver converged")}"));
        if (result.Best is not { } best)
        {
            Console.Error.WriteLine("hnn fit: no candidate simulated successfully; see the error column of " + folder.HistoryPath);
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best {fit.Objective.Name} {best.Loss:R} at simulation {best.Simulation}: ") +
            string.Join(", ", fit.Parameters.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{p.Path} = {best.Values[i]:R}"))));
        WriteFigures(fit, folder, result);
        Console.WriteLine($"wrote {folder.HistoryPath}, {folder.BestPath} (run it with hnn simulate), {folder.FitPlotPath}, {folder.ConvergencePlotPath}");
        return failed == evaluations.Count ? 1 : 0;
    }

    /// <summary>fit.png and convergence.png of a finished fit (hnn fit and hnn serve write the same).</summary>
    internal static void WriteFigures(Fit fit, FitFolder folder, FitResult result)
    {
        var starts = result.Evaluations.Select((e, i) => (e, i)).Where(x => x.i == 0 || result.Evaluations[x.i - 1].Generation != x.e.Generation).Select(x => x.e.Simulation).ToArray();
        ConvergencePlot.Save(folder.ConvergencePlotPath, result.Evaluations.Select(e => e.Loss).ToArray(), fit.Objective.Name, starts);
        if (result.BestDipole is { } dipole)
        {
            if (fit.Target is { } target)
                FitPlot.Save(folder.FitPlotPath, target, dipole, null, fit.Column, $"target vs best ({fit.Objective.Name} {result.Best!.Loss:G4})");
            else
            {
                // A spectral objective: the best candidate's spectrum is what was maximised.
                var (freqs, power) = Biophysics.Analysis.DipolePsd.Of([dipole]);
                PsdPlot.Save(folder.FitPlotPath, freqs, power, $"best candidate's PSD ({fit.Objective.Name} {result.Best!.Loss:G4})", 0, 100);
            }
        }
    }
}
