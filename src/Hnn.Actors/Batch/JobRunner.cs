using System.Diagnostics;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Batch;

/// <summary>
/// Runs one batch job on the calling thread: builds its network and integrates its trials one
/// after the other with the sequential engine (<see cref="NetworkTrial"/>, one shard per cell
/// type). A job is a whole simulation on one core: with more jobs than cores, splitting a job
/// over cores would only add the per-epoch barrier (docs/dev/batch-runs.md §1).
/// </summary>
internal static class JobRunner
{
    public static SimulationResult Run(JobPayload payload, CancellationToken cancel) => payload switch
    {
        ExperimentPayload e => RunExperiment(e, cancel),
        NetworkPayload n => Simulate(n.Network, n.TStop, n.Dt, n.NTrials, cancel),
        _ => throw new ArgumentException($"unknown job payload {payload.GetType().Name}", nameof(payload)),
    };

    private static SimulationResult RunExperiment(ExperimentPayload e, CancellationToken cancel)
    {
        var spec = ExperimentReader.Parse(e.ExperimentJson);
        var net = ExperimentBuilder.BuildNetwork(spec, e.BaseDirectory.Length == 0 ? null : e.BaseDirectory);
        var result = Simulate(net, spec.TStop, spec.Dt, spec.NTrials, cancel);
        // As `hnn simulate` does: the job's files and its summaries see the experiment's post-processed dipoles.
        spec.Postproc?.Apply(result.Dipoles);
        return result;
    }

    public static SimulationResult Simulate(NetworkSpec net, double tstop, double dt, int nTrials, CancellationToken cancel)
    {
        if (nTrials < 1) throw new ArgumentException($"Invalid number of simulations: {nTrials}; n_trials must be ≥ 1", nameof(nTrials));
        var grid = TimeGrid.Create(tstop, dt);
        // As `hnn simulate` would: a job too large for this node fails on its own, with the estimate.
        Biophysics.Drives.DriveLimits.Check(net, nTrials, tstop);
        ResourceEstimate.ForRun(net, grid, nTrials).ThrowIfOverLimit("the job", "a smaller network, fewer trials, a larger dt or a shorter tstop");
        var layout = ShardLayout.Split(net, 1);
        var trials = new TrialResult[nTrials];
        var timings = new TrialTiming[nTrials];
        for (var trial = 0; trial < nTrials; trial++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var run = new NetworkTrial(net, grid, trial, layout);
            var build = clock.Elapsed;
            trials[trial] = run.Run(null, cancel);
            timings[trial] = new TrialTiming(trial, build, clock.Elapsed - build, run.Plan.EpochCount, layout.Count);
        }
        return SimulationResult.Assemble(net, grid, trials, timings);
    }
}
