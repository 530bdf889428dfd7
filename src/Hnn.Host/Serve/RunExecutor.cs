using System.Diagnostics;
using System.Text.Json.Nodes;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Fitting;
using Hnn.Host.Cli;
using Hnn.Host.Files;

namespace Hnn.Host.Serve;

/// <summary>
/// Runs one accepted run to its end: a simulation as `hnn simulate` runs it (the same post-processing,
/// <see cref="RunWriter"/> into DATA/runs/&lt;id&gt;/, atomically), a sweep as `hnn batch` runs it
/// (<see cref="BatchFolder"/>), a fit as `hnn fit` runs it (<see cref="FitFolder"/>), with the run's live events on the way.
/// </summary>
internal sealed class RunExecutor(Func<SimulatorOptions, Simulator> engine, ServeMetrics metrics)
{
    public static string RunDirectory(string dataDirectory, string id) => Path.Combine(Path.GetFullPath(dataDirectory), "runs", id);

    public Task RunAsync(RunEntry run, string outDir, CancellationToken cancel) => run.Work switch
    {
        PreparedSimulation s => SimulateAsync(run, s, outDir, cancel),
        PreparedSweep s => SweepAsync(run, s, outDir, cancel),
        PreparedFit f => FitAsync(run, f, outDir, cancel),
        _ => throw new InvalidOperationException($"unknown run kind {run.Work.Kind}"),
    };

    private async Task SimulateAsync(RunEntry run, PreparedSimulation work, string outDir, CancellationToken cancel)
    {
        var (spec, net) = (work.Spec, work.Network);
        run.Feed.Append("start", new Dictionary<string, object>
        {
            ["tstop"] = spec.TStop, ["dt"] = spec.Dt, ["n_trials"] = spec.NTrials, ["gid_ranges"] = GidRanges(net),
        });
        var pump = new LivePump(run, spec.Dt, spec.NTrials, metrics);
        using var traces = TraceStaging.For(outDir, spec.Record);
        var progress = new Inline<SimulationProgress>(p => run.Progress = new ProgressView(
            Math.Clamp((p.Trial + p.SimulatedMs / p.Tstop) / p.Trials, 0, 1), p.Trial, p.Trials, p.SimulatedMs, p.Tstop));
        var clock = Stopwatch.StartNew();
        SimulationResult result;
        try
        {
            var simulator = engine(new SimulatorOptions { Live = pump });
            result = await simulator.SimulateDipoleAsync(net, spec.TStop, spec.Dt, spec.NTrials, traces?.Options, progress, cancel).ConfigureAwait(false);
        }
        finally
        {
            pump.Complete();
            await pump.Completion.ConfigureAwait(false);
        }
        metrics.Speed(spec.TStop * spec.NTrials, clock.Elapsed);
        Divergence.Check(result);
        spec.Postproc?.Apply(result.Dipoles);
        await Task.Run(() => RunWriter.Write(outDir, result, spec.Postproc, cancel, spec.Spectra, traces is null ? null : result.Trials, net.ElectrodeArrays),
            cancel).ConfigureAwait(false);
        run.Progress = new ProgressView(1, spec.NTrials - 1, spec.NTrials, spec.TStop, spec.TStop);
    }

    private async Task SweepAsync(RunEntry run, PreparedSweep work, string outDir, CancellationToken cancel)
    {
        var sweep = work.Sweep;
        run.Feed.Append("start", new Dictionary<string, object>
        {
            ["jobs"] = sweep.Jobs.Count, ["parameters"] = sweep.ParameterPaths, ["summaries"] = sweep.SummaryColumns,
        });
        var folder = BatchFolder.Open(outDir, sweep, sweep.SummaryColumns, sweep.KeyOf);
        var byId = sweep.Jobs.ToDictionary(j => j.Id);
        var progress = new Inline<BatchProgress>(p => run.Progress = new ProgressView(
            p.Total == 0 ? 1 : (double)p.Done / p.Total, 0, 0, 0, 0, p.Done, p.Total));
        var simulator = engine(new SimulatorOptions());
        await foreach (var r in simulator.RunBatchAsync(sweep, progress, cancel).ConfigureAwait(false))
        {
            folder.Record(byId[r.Id], r, sweep.Keep);
            run.Feed.Append("job", new Dictionary<string, object?>
            {
                ["index"] = r.Id,
                ["params"] = r.Parameters.ToDictionary(kv => kv.Key, kv => JsonNode.Parse(kv.Value)),
                ["summaries"] = r.Summaries.ToDictionary(kv => kv.Key, kv => kv.Value),
                ["status"] = r.Status == BatchJobStatus.Done ? "done" : "failed",
                ["error"] = r.Error,
            });
            run.Feed.Append("progress", run.Progress);
        }
        run.Progress = run.Progress with { Fraction = 1 };
    }

    // As `hnn fit` runs it: the same FitFolder (history.csv, best.json as each simulation ends), the same figures at the end.
    private async Task FitAsync(RunEntry run, PreparedFit work, string outDir, CancellationToken cancel)
    {
        var fit = work.Fit;
        run.Feed.Append("start", new Dictionary<string, object>
        {
            ["jobs"] = fit.MaxSimulations, ["parameters"] = fit.Parameters.Select(p => p.Path).ToArray(), ["objective"] = fit.Objective.Name, ["solver"] = fit.Solver,
        });
        // fit.json names the submitted file by its name, not by where this server keeps it.
        var folder = FitFolder.Open(outDir, fit, work.FitFile, Path.GetFileName(work.FitFile));
        var history = new FitHistory(folder.Earlier);
        history.Recorded += folder.Record;
        history.Recorded += e => run.Feed.Append("evaluation", new Dictionary<string, object?>
        {
            ["index"] = e.Simulation,
            ["generation"] = e.Generation,
            ["params"] = fit.Parameters.Select((p, i) => (p.Path, Value: e.Values[i])).ToDictionary(x => x.Path, x => x.Value),
            ["loss"] = e.Succeeded ? e.Loss : null,
            ["error"] = e.Error,
        });
        var progress = new Inline<FitProgress>(p =>
        {
            run.Progress = new ProgressView(p.MaxSimulations == 0 ? 1 : (double)p.Simulations / p.MaxSimulations, 0, 0, 0, 0, p.Simulations, p.MaxSimulations);
            run.Feed.Append("progress", run.Progress);
        });
        var simulator = engine(new SimulatorOptions());
        var result = await simulator.FitAsync(fit, progress, cancel, history).ConfigureAwait(false);
        if (result.Best is null)
            throw new RunFailedException($"no candidate simulated successfully; see the error column of history.csv");
        await Task.Run(() => FitCommand.WriteFigures(fit, folder, result), cancel).ConfigureAwait(false);
        run.Progress = run.Progress with { Fraction = 1 };
    }

    /// <summary>gid_ranges as HNN-core's net.gid_ranges: name → [start, stop), cell types then drives.</summary>
    public static Dictionary<string, int[]> GidRanges(Biophysics.Network.NetworkSpec net) =>
        net.GidRanges.ToDictionary(r => r.Name, r => new[] { r.Start, r.Stop });

    // Reports on the caller's thread (Progress<T> would post to a context and reorder reports).
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
