using System.Runtime.ExceptionServices;
using Akka.Actor;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>Coupled runs (docs/dev/coupling.md §4): several networks in one epoch loop, spikes crossing live.</summary>
public sealed partial class Simulator
{
    public async Task<MultiNetworkResult> SimulateAsync(
        MultiNetworkSpec spec, double tstop, double dt = 0.025, int nTrials = 1,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Names.Count == 0) throw new ArgumentException("spec = no networks is invalid: a coupled run needs at least one network. Allowed: AddNetwork first.", nameof(spec));
        if (nTrials < 1) throw new ArgumentException($"Invalid number of simulations: {nTrials}; n_trials must be ≥ 1", nameof(nTrials));
        if (Options.CheckpointEvery < 0) throw new ArgumentException($"checkpoint interval must be ≥ 0 epochs, got {Options.CheckpointEvery}", nameof(Options));
        var grid = TimeGrid.Create(tstop, dt);
        for (var n = 0; n < spec.Names.Count; n++)
        {
            try
            {
                Hnn.Biophysics.Drives.DriveLimits.Check(spec.Networks[n], nTrials, tstop);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"network '{spec.Names[n]}': {e.Message}", e.ParamName, e);
            }
        }
        spec.Networks.Select(net => ResourceEstimate.ForRun(net, grid, nTrials, Options.ConcurrentTrials(nTrials))).Aggregate((a, b) => a + b).ThrowIfOverLimit();
        // One epoch length for all; refuses a projection or cell-to-cell delay shorter than dt before anything starts.
        var plan = CoupledEpochPlan.For(spec, NetConCache.MinDelays, grid);

        var layouts = spec.Networks.Select(net => Options.OneCellPerShard
            ? ShardLayout.OneCellPerShard(net)
            : ShardLayout.Split(net, Options.ShardsPerTypeFor(nTrials))).ToArray();
        var outcomes = await RunTrialsAsync(nTrials, progress,
            (trial, told) => RunCoupledTrialAsync(spec, plan, trial, nTrials, grid, layouts, told, cancellationToken), cancellationToken).ConfigureAwait(false);

        var results = spec.Networks.Select((net, n) => SimulationResult.Assemble(net, grid, outcomes.Select(o => o[n].Result).ToArray(),
            outcomes.Select((o, i) => new TrialTiming(i, o[n].BuildTime, o[n].SimulateTime, o[n].Epochs, layouts[n].Count, o[n].Recoveries)).ToArray())).ToArray();
        return new MultiNetworkResult(spec.Names, results);
    }

    // One trial of every network, each through its own coordinator, joined by one projection actor per projection.
    private async Task<TrialCompleted[]> RunCoupledTrialAsync(MultiNetworkSpec spec, EpochPlan plan, int trial, int nTrials, TimeGrid grid,
        IReadOnlyList<ShardSpec>[] layouts, IProgress<SimulationProgress>? progress, CancellationToken cancel)
    {
        var projections = spec.Projections.Select(p =>
        {
            var drive = spec[p.To].Drives.ToList().FindIndex(d => d.Name == p.Name);
            return (p, Drive: drive, Actor: _system.ActorOf(ProjectionActor.Props(new ProjectionFeed(p, spec, grid), drive), $"projection-{trial}-{p.Name}-{Guid.NewGuid():N}"));
        }).ToArray();
        // Progress is the network furthest behind.
        var simulated = new double[spec.Names.Count];
        IProgress<SimulationProgress>? Report(int n) => progress is null ? null : new InlineProgress(p =>
        {
            lock (simulated)
            {
                simulated[n] = p.SimulatedMs;
                progress.Report(p with { SimulatedMs = simulated.Min() });
            }
        });
        // A network that fails stops the others: they would wait for its spikes.
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        try
        {
            var runs = spec.Names.Select((name, n) =>
            {
                var coupling = new TrialCoupling(plan,
                    projections.Where(x => x.p.To == name).ToDictionary(x => x.Drive, x => x.Actor),
                    projections.Where(x => x.p.From == name).Select(x => x.Actor).ToArray());
                var run = RunTrialAsync(spec.Networks[n], trial, nTrials, grid, layouts[n], Report(n), stopAll.Token, null, coupling, name);
                _ = run.ContinueWith(t => { if (t.IsFaulted) stopAll.Cancel(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return run;
            }).ToArray();
            try
            {
                return await Task.WhenAll(runs).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested
                && runs.FirstOrDefault(r => r.IsFaulted && r.Exception!.InnerException is not OperationCanceledException) is { } failed)
            {
                ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
                throw;
            }
        }
        finally
        {
            foreach (var x in projections) x.Actor.Tell(PoisonPill.Instance);
        }
    }

    // Reports on the caller's thread (Progress<T> would post to a context and reorder reports).
    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
