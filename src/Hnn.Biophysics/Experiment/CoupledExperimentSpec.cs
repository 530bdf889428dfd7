using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// A coupled experiment file (docs/experiment-file.md, "Coupled networks"): named networks, each
/// with its own drives and biases, the projections that carry one network's spikes into another
/// while they run, and the run settings they share. Optional arguments hold their effective values.
/// </summary>
public sealed record CoupledExperimentSpec(
    IReadOnlyList<CoupledNetworkEntry> Networks,
    IReadOnlyList<ProjectionEntry> Projections,
    double TStop,
    double Dt,
    int NTrials,
    PostprocEntry? Postproc = null)
{
    /// <summary>The networks' names in file order.</summary>
    public IReadOnlyList<string> Names => Networks.Select(n => n.Name).ToArray();

    /// <summary>One network as a single experiment with the shared run settings (what its folder's files are written from).</summary>
    public ExperimentSpec Experiment(CoupledNetworkEntry network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new ExperimentSpec(network.Network, TStop, Dt, NTrials, network.Drives, network.TonicBiases, Postproc);
    }
}

/// <summary>One entry of "networks": the keys of a single experiment's "network" object plus its "drives" and "tonic_biases".</summary>
public sealed record CoupledNetworkEntry(
    string Name, NetworkSection Network, IReadOnlyList<DriveEntry> Drives, IReadOnlyList<TonicBiasEntry> TonicBiases);

/// <summary>
/// One entry of "projections": the cells of <see cref="SourceTypes"/> in network <see cref="From"/> drive network
/// <see cref="To"/> as a spike-train drive named <see cref="Name"/> (add_spike_train_drive's arguments, and the
/// per-source target_config), their spikes arriving as they are fired.
/// </summary>
public sealed record ProjectionEntry(
    string Name, string From, IReadOnlyList<string> SourceTypes, string To, string Location,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsAmpa, IReadOnlyList<KeyValuePair<string, double>>? WeightsNmda,
    PerCellType SynapticDelays, double SpaceConstant, PerCellType Probability, long? ConnSeed,
    IReadOnlyList<KeyValuePair<string, ReplayTargetConfig>> TargetConfig);
