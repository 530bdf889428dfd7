using Akka.Actor;
using System.Globalization;
using Akka.Configuration;
using Hnn.Actors.Batch;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Batch;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Fitting;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Actors.Engine;

/// <summary>
/// The facade over the actor engine: validates the request, runs each trial through a
/// <see cref="CoordinatorActor"/>, and assembles HNN-core's outputs (post-processed dipoles,
/// cell response). Owns its actor system when created with <see cref="CreateLocal"/>.
/// </summary>
public sealed partial class Simulator : ISimulator, IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly bool _ownsSystem;

    public Simulator(ActorSystem system, SimulatorOptions? options = null) : this(system, options, ownsSystem: false)
    {
    }

    private Simulator(ActorSystem system, SimulatorOptions? options, bool ownsSystem)
    {
        _system = system;
        _ownsSystem = ownsSystem;
        Options = options ?? new SimulatorOptions();
    }

    public SimulatorOptions Options { get; }

    /// <summary>Test seam: how shard actors are made (null: <see cref="PopulationActor"/>); fault tests put faulty shards here.</summary>
    internal Func<ShardSpec, Props>? ShardProps { get; init; }

    /// <summary>A simulator with its own local actor system (hocon/local.conf, compute threads = cores).</summary>
    public static Simulator CreateLocal(SimulatorOptions? options = null) =>
        new(ActorSystem.Create("hnn", EngineConfig.Local()), options, ownsSystem: true);

    public Task<SimulationResult> SimulateDipoleAsync(
        NetworkSpec network, double tstop, double dt = 0.025, int nTrials = 1,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SimulateDipoleAsync(network, tstop, dt, nTrials, null, progress, cancellationToken);

    public async Task<SimulationResult> SimulateDipoleAsync(
        NetworkSpec network, double tstop, double dt, int nTrials, RecordingOptions? recording,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (recording is { Record.Any: true }) CheckRecordingFolder(recording.Directory);
        if (nTrials < 1) throw new ArgumentException($"Invalid number of simulations: {nTrials}; n_trials must be ≥ 1", nameof(nTrials));
        if (Options.CheckpointEvery < 0) throw new ArgumentException($"checkpoint interval must be ≥ 0 epochs, got {Options.CheckpointEvery}", nameof(Options));
        var grid = TimeGrid.Create(tstop, dt);
        Hnn.Biophysics.Drives.DriveLimits.Check(network, nTrials, tstop);   // seeds of every trial, events per drive cell
        ResourceEstimate.ForRun(network, grid, nTrials, Options.ConcurrentTrials(nTrials)).ThrowIfOverLimit();
        // Refuses a dt longer than the shortest cell-to-cell delay before anything starts.
        EpochPlan.For(network, NetConCache.MinDelays(network), grid);

        var layout = Options.OneCellPerShard
            ? ShardLayout.OneCellPerShard(network)
            : ShardLayout.Split(network, Options.ShardsPerTypeFor(nTrials));
        var outcomes = await RunTrialsAsync(nTrials, progress,
            (trial, told) => RunTrialAsync(network, trial, nTrials, grid, layout, told, cancellationToken, recording), cancellationToken).ConfigureAwait(false);

        return SimulationResult.Assemble(network, grid, outcomes.Select(o => o.Result).ToArray(),
            outcomes.Select((o, i) => new TrialTiming(i, o.BuildTime, o.SimulateTime, o.Epochs, layout.Count, o.Recoveries)).ToArray());
    }

    // Trials 0 … n−1, at most ConcurrentTrials at once; with several at once each reports into one
    // progress told as if they ran one after another.
    private async Task<T[]> RunTrialsAsync<T>(int nTrials, IProgress<SimulationProgress>? progress,
        Func<int, IProgress<SimulationProgress>?, Task<T>> runTrial, CancellationToken cancel)
    {
        var concurrent = Math.Max(1, Options.ConcurrentTrials(nTrials));
        progress = SideBySideProgress.For(progress, nTrials, concurrent);
        var outcomes = new T[nTrials];
        using var gate = new SemaphoreSlim(concurrent);
        await Task.WhenAll(Enumerable.Range(0, nTrials).Select(async trial =>
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                outcomes[trial] = await runTrial(trial, progress).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray()).ConfigureAwait(false);
        return outcomes;
    }

    // A folder the trace files cannot go to is refused before anything runs.
    private static void CheckRecordingFolder(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new ArgumentException("the recording folder is empty; give the folder the trace files go to", nameof(directory));
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".hnn-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"the recording folder '{directory}' cannot be written: {e.Message}", nameof(directory), e);
        }
    }

    /// <summary>
    /// Runs every job of a sweep (docs/sweep-file.md) as a whole simulation, side by side on
    /// every core of every node (docs/dev/batch-runs.md); results, with the sweep's summaries, arrive
    /// as jobs finish. Jobs the sweep found invalid come first, as failed results.
    /// </summary>
    public IAsyncEnumerable<BatchJobResult> RunBatchAsync(Sweep sweep, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var jobs = sweep.Jobs.Select(j => new BatchJobInput(j.Id, sweep.KeyOf(j), j.Values,
            j.Error is null ? () => new ExperimentPayload(j.ExperimentJson, sweep.BaseDirectory) : null, j.Error)).ToArray();
        return BatchRunner.RunAsync(_system, Options, jobs, result => Summaries(sweep, result), progress, cancellationToken);
    }

    private static IReadOnlyList<KeyValuePair<string, double>> Summaries(Sweep sweep, SimulationResult result)
    {
        var input = new SummaryInput(result.Trials, result.Dipoles, sweep.CellTypes);
        var values = new List<KeyValuePair<string, double>>();
        foreach (var spec in sweep.SummarySpecs)
            values.AddRange(spec.Columns(sweep.CellTypes).Zip(spec.Compute(input), (c, v) => new KeyValuePair<string, double>(c, v)));
        return values;
    }

    /// <summary>
    /// Runs one whole simulation per parameter set, as HNN-core's BatchSimulate with a
    /// set_params function: <paramref name="setParams"/> builds each job's network (called on
    /// this node, when an executor takes the job), the jobs run side by side, one per core of
    /// every node (docs/dev/batch-runs.md), and results arrive as they finish. A job whose network
    /// cannot be built or simulated is a <see cref="BatchJobStatus.Failed"/> result, not an exception.
    /// </summary>
    /// <param name="summarize">Per-job numbers to keep (HNN-core's summary_func); null: none.</param>
    public IAsyncEnumerable<BatchJobResult> RunBatchAsync(
        IReadOnlyList<IReadOnlyDictionary<string, double>> parameterSets,
        Func<IReadOnlyDictionary<string, double>, NetworkSpec> setParams,
        double tstop, double dt = 0.025, int nTrials = 1,
        Func<SimulationResult, IReadOnlyDictionary<string, double>>? summarize = null,
        IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameterSets);
        ArgumentNullException.ThrowIfNull(setParams);
        TimeGrid.Create(tstop, dt);
        if (nTrials < 1) throw new ArgumentException($"Invalid number of simulations: {nTrials}; n_trials must be ≥ 1", nameof(nTrials));
        var jobs = parameterSets.Select((p, id) =>
        {
            var values = p.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.ToString("R", CultureInfo.InvariantCulture))).ToArray();
            var key = BatchKeys.Of($"set_params|{tstop:R}|{dt:R}|{nTrials}|" + string.Join("|", values.Select(v => $"{v.Key}={v.Value}")));
            return new BatchJobInput(id, key, values, () => new NetworkPayload(setParams(p), tstop, dt, nTrials), null);
        }).ToArray();
        BatchRunner.Summarize summary = summarize is null ? _ => [] : r => [.. summarize(r)];
        return BatchRunner.RunAsync(_system, Options, jobs, summary, progress, cancellationToken);
    }

    /// <summary>
    /// Fits the experiment's parameters to data (docs/fit-file.md, docs/dev/fitting.md §3). Deterministic:
    /// the same fit gives the same candidates and losses. Cancelling stops at once; what finished is in
    /// <paramref name="history"/>, and a new run with that history resumes where this one stopped.
    /// </summary>
    public Task<FitResult> FitAsync(Fit fit, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default, FitHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new Fitting.FitRunner(this, _system, fit, history ?? new FitHistory(), progress).RunAsync(cancellationToken);
    }

    /// <summary>One trial through a coordinator; throws <see cref="SimulationException"/> or <see cref="OperationCanceledException"/>.</summary>
    internal async Task<TrialCompleted> RunTrialAsync(
        NetworkSpec network, int trial, int nTrials, TimeGrid grid, IReadOnlyList<ShardSpec> layout,
        IProgress<SimulationProgress>? progress, CancellationToken cancel, RecordingOptions? recording = null,
        TrialCoupling? coupling = null, string? networkName = null)
    {
        cancel.ThrowIfCancellationRequested();
        var coordinator = _system.ActorOf(CoordinatorActor.Props(ShardProps), $"trial-{trial}-{(networkName is null ? "" : networkName + "-")}{Guid.NewGuid():N}");
        var what = networkName is null ? $"trial {trial}" : $"network '{networkName}', trial {trial}";
        Action<double>? report = progress is null ? null : t => progress.Report(new SimulationProgress(trial, nTrials, t, grid.Tstop));
        using var registration = cancel.Register(() => coordinator.Tell(CancelTrial.Instance));
        using var stopWatching = new CancellationTokenSource();
        var stopped = coordinator.WatchAsync(stopWatching.Token);
        var asked = coordinator.Ask<object>(
            new RunTrial(network, trial, grid, layout, Options.Timeout, report, Options.Workers, Options.CheckpointEvery, recording, coupling, coupling is null ? Options.Live : null), Timeout.InfiniteTimeSpan);
        // A coordinator that stops without answering (its actor system shut down) must not leave us waiting.
        if (await Task.WhenAny(asked, stopped).ConfigureAwait(false) != asked && !asked.IsCompleted)
        {
            await Task.WhenAny(asked, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            if (!asked.IsCompleted)
                throw new SimulationException($"{what} failed: the coordinator stopped (its actor system is shutting down)", null, -1, 0.0, trial);
        }
        stopWatching.Cancel();
        var reply = await asked.ConfigureAwait(false);
        return reply switch
        {
            TrialCompleted done => done,
            TrialCancelled => throw new OperationCanceledException($"{what} was cancelled", cancel),
            TrialFailed f => throw new SimulationException(
                $"{what} failed{(f.ShardName is null ? "" : $" in shard {f.ShardName}")} in epoch {f.Epoch} at t = {f.Time:0.###} ms: {f.Reason}",
                f.ShardName, f.Epoch, f.Time, trial),
            _ => throw new InvalidOperationException($"unexpected reply {reply}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsSystem) await _system.Terminate().ConfigureAwait(false);
    }
}
