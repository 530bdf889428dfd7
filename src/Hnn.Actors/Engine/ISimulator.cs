using Hnn.Biophysics.Network;

namespace Hnn.Actors.Engine;

/// <summary>Simulates networks: the service a host or a script talks to.</summary>
public interface ISimulator
{
    /// <summary>
    /// Simulates <paramref name="nTrials"/> trials of <paramref name="network"/> for
    /// <paramref name="tstop"/> ms with step <paramref name="dt"/>, as HNN-core's simulate_dipole.
    /// </summary>
    Task<SimulationResult> SimulateDipoleAsync(
        NetworkSpec network, double tstop, double dt = 0.025, int nTrials = 1,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As simulate_dipole with <c>record_vsec</c>, <c>record_isec</c>, <c>record_ca</c>: also records what
    /// <paramref name="recording"/> asks for in every cell of every trial, streamed to files in its folder
    /// while the run goes (docs/dev/recordings.md); <see cref="SimulationResult.Trials"/>[k].Traces lists them.
    /// </summary>
    Task<SimulationResult> SimulateDipoleAsync(
        NetworkSpec network, double tstop, double dt, int nTrials, Hnn.Biophysics.Simulation.RecordingOptions? recording,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Simulates the networks of <paramref name="spec"/> together, each as simulate_dipole would, with the spikes of
    /// every projection crossing while they run (docs/dev/coupling.md): trial k of each network is coupled to trial k
    /// of the others. Results are identical for any shard layout, local or cluster, and any order of the networks.
    /// </summary>
    Task<MultiNetworkResult> SimulateAsync(
        Hnn.Biophysics.Coupling.MultiNetworkSpec spec, double tstop, double dt = 0.025, int nTrials = 1,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Every job of a sweep file as a whole simulation, side by side on every core (and cluster worker), with its summaries; results arrive as jobs finish.</summary>
    IAsyncEnumerable<Batch.BatchJobResult> RunBatchAsync(
        Hnn.Biophysics.Batch.Sweep sweep, IProgress<Batch.BatchProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One whole simulation per parameter set, side by side on every core (and cluster worker),
    /// as HNN-core's BatchSimulate: <paramref name="setParams"/> builds each job's network;
    /// results arrive as jobs finish.
    /// </summary>
    IAsyncEnumerable<Batch.BatchJobResult> RunBatchAsync(
        IReadOnlyList<IReadOnlyDictionary<string, double>> parameterSets,
        Func<IReadOnlyDictionary<string, double>, NetworkSpec> setParams,
        double tstop, double dt = 0.025, int nTrials = 1,
        Func<SimulationResult, IReadOnlyDictionary<string, double>>? summarize = null,
        IProgress<Batch.BatchProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fits the experiment's parameters to data (docs/fit-file.md): the solver's candidates run
    /// generation by generation, each generation side by side on every core (and cluster worker),
    /// until the budget is spent or the solver converges. <paramref name="history"/> receives every
    /// evaluation as it finishes, and supplies an earlier run's to resume from.
    /// </summary>
    Task<Hnn.Biophysics.Fitting.FitResult> FitAsync(
        Hnn.Biophysics.Fitting.Fit fit, IProgress<Hnn.Biophysics.Fitting.FitProgress>? progress = null,
        CancellationToken cancellationToken = default, Hnn.Biophysics.Fitting.FitHistory? history = null);
}
