using System.Diagnostics;
using Akka.Actor;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Fitting;
using Hnn.Biophysics.Fitting.Solvers;
using Hnn.Biophysics.Recording;

namespace Hnn.Actors.Fitting;

/// <summary>
/// Runs a fit (docs/dev/fitting.md §3): the solver asks for candidates, each generation runs as
/// one batch (every candidate a whole simulation, side by side on every core or cluster worker;
/// a lone candidate runs on the sharded engine so it still uses every core), the losses go back to
/// the solver, until the budget is spent or the solver converges. Candidates an earlier run of the
/// same fit already evaluated are taken from <see cref="FitHistory"/> instead of simulated.
/// </summary>
internal sealed class FitRunner(Simulator simulator, ActorSystem system, Fit fit, FitHistory history, IProgress<FitProgress>? progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private FitEvaluation? _best;
    private Dipole? _bestDipole;
    private int _done, _reused, _generation;
    private IReadOnlyList<string> _cellTypes = [];

    public async Task<FitResult> RunAsync(CancellationToken cancel)
    {
        _cellTypes = CellTypesOf(fit.Candidate(fit.InitialValues));
        var initial = fit.Parameters.Select(p => p.ToUnit(p.Initial)).ToArray();
        var solver = FitSolvers.Create(fit.Solver, initial, fit.Population, fit.Seed);
        var stop = "budget";
        try
        {
            while (_done < fit.MaxSimulations)
            {
                cancel.ThrowIfCancellationRequested();
                var asked = solver.Converged ? [] : solver.Ask();
                if (asked.Count == 0)
                {
                    stop = "converged";
                    break;
                }
                _generation++;
                var take = Math.Min(asked.Count, fit.MaxSimulations - _done);
                var losses = await EvaluateAsync(asked.Take(take).ToArray(), cancel).ConfigureAwait(false);
                if (take < asked.Count) break; // the budget ends inside this generation: nothing more to tell
                solver.Tell(losses);
            }
        }
        finally
        {
            (solver as IDisposable)?.Dispose();
        }
        if (_best is not null && _bestDipole is null)
            _bestDipole = (await SimulateAsync(fit.Candidate(_best.Values), cancel).ConfigureAwait(false)).Average; // the best came from an earlier run
        Report();
        return new FitResult(history.Evaluations, _best, stop, _best is null ? null : fit.ExperimentFileFor(_best.Values), _bestDipole);
    }

    /// <summary>One generation: reused losses first, then every new candidate at once; losses in candidate order.</summary>
    private async Task<double[]> EvaluateAsync(double[][] unit, CancellationToken cancel)
    {
        var candidates = unit.Select(u => fit.Candidate(u.Select((x, i) => fit.Parameters[i].FromUnit(x)).ToArray())).ToArray();
        var first = _done + 1;
        var losses = new double[candidates.Length];
        var toRun = new List<int>();
        for (var k = 0; k < candidates.Length; k++)
        {
            var c = candidates[k];
            if (history.TryReuse(c.Key, out var earlier))
            {
                _reused++;
                Record(new FitEvaluation(first + k, _generation, c.Values, earlier.Loss, null, earlier.WallSeconds, c.Key), null);
                losses[k] = earlier.Loss;
            }
            else if (c.Error is { } error)
            {
                Record(new FitEvaluation(first + k, _generation, c.Values, double.NaN, error, 0.0, c.Key), null);
                losses[k] = double.NaN;
            }
            else toRun.Add(k);
        }
        if (toRun.Count == 1 && simulator.Options.Workers is not { Count: > 0 })
        {
            var k = toRun[0];
            var clock = Stopwatch.StartNew();
            var (loss, error, dipole) = await SimulateOneAsync(candidates[k], cancel).ConfigureAwait(false);
            losses[k] = loss;
            Record(new FitEvaluation(first + k, _generation, candidates[k].Values, loss, error, clock.Elapsed.TotalSeconds, candidates[k].Key), dipole);
        }
        else if (toRun.Count > 0)
        {
            var jobs = toRun.Select(k => new BatchJobInput(k, candidates[k].Key, [],
                () => new ExperimentPayload(candidates[k].ExperimentJson, fit.ExperimentDirectory), null)).ToArray();
            await foreach (var job in BatchRunner.RunAsync(system, simulator.Options, jobs, _ => [], null, cancel).ConfigureAwait(false))
            {
                var k = job.Id;
                var (loss, error, dipole) = job.Result is { } result
                    ? LossOf(candidates[k], result)
                    : (double.NaN, job.Error ?? "the simulation failed", null);
                losses[k] = loss;
                Record(new FitEvaluation(first + k, _generation, candidates[k].Values, loss, error, job.WallSeconds, candidates[k].Key), dipole);
            }
        }
        _done += candidates.Length;
        Report();
        return losses;
    }

    private async Task<(double Loss, string? Error, Dipole? Average)> SimulateOneAsync(FitCandidate candidate, CancellationToken cancel)
    {
        try
        {
            var run = await RunOnEngineAsync(candidate, cancel).ConfigureAwait(false);
            return LossOf(candidate, run);
        }
        catch (Exception e) when (e is SimulationException or ArgumentException or FormatException or IOException or InvalidOperationException)
        {
            return (double.NaN, e.Message, null);
        }
    }

    private async Task<SimulationResult> RunOnEngineAsync(FitCandidate candidate, CancellationToken cancel)
    {
        var spec = candidate.Experiment!;
        var network = ExperimentBuilder.BuildNetwork(spec, fit.ExperimentDirectory);
        return await simulator.SimulateDipoleAsync(network, spec.TStop, spec.Dt, spec.NTrials, null, cancel).ConfigureAwait(false);
    }

    private async Task<FitSimulation> SimulateAsync(FitCandidate candidate, CancellationToken cancel)
    {
        var run = await RunOnEngineAsync(candidate, cancel).ConfigureAwait(false);
        return Prepare(candidate, run);
    }

    private FitSimulation Prepare(FitCandidate candidate, SimulationResult run) =>
        FitSimulation.Prepare(candidate.ByPath(fit.Parameters), run.Trials, run.Dipoles, fit.Postproc, _cellTypes, run.Tstop);

    /// <summary>The objective's loss; a custom objective that throws, or returns NaN, fails this candidate only.</summary>
    private (double Loss, string? Error, Dipole? Average) LossOf(FitCandidate candidate, SimulationResult run)
    {
        FitSimulation prepared;
        double loss;
        try
        {
            prepared = Prepare(candidate, run);
            loss = fit.Objective.Loss(prepared);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (double.NaN, $"objective {fit.Objective.Name}: {e.Message}", null);
        }
        return double.IsNaN(loss)
            ? (double.NaN, $"objective {fit.Objective.Name} returned NaN", null)
            : (loss, null, prepared.Average);
    }

    private void Record(FitEvaluation evaluation, Dipole? average)
    {
        history.Add(evaluation);
        if (evaluation.Succeeded && (_best is null || evaluation.Loss < _best.Loss
                || (evaluation.Loss == _best.Loss && evaluation.Simulation < _best.Simulation)))
        {
            _best = evaluation;
            _bestDipole = average;
        }
        Report(running: true);
    }

    private void Report(bool running = false)
    {
        var done = running ? history.Evaluations.Count : _done;
        progress?.Report(new FitProgress(_generation, done, fit.MaxSimulations, _best?.Loss ?? double.NaN, _clock.Elapsed, _reused));
    }

    private IReadOnlyList<string> CellTypesOf(FitCandidate initial) =>
        ExperimentBuilder.BuildNetwork(initial.Experiment!, fit.ExperimentDirectory).CellTypes.Select(t => t.Name).ToArray();
}
