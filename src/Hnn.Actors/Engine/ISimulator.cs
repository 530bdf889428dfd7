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
}
