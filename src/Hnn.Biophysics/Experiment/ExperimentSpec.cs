using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// An experiment file (docs/experiment-file.md): a network, its drives and biases with HNN-core's
/// argument names, and the simulation settings. Every optional argument holds its effective value
/// (HNN-core's default when the file leaves it out), so writing it back is explicit and stable.
/// <see cref="Postproc"/> is null when the file has no "postproc" key (the dipoles are written unsmoothed, unscaled).
/// </summary>
public sealed record ExperimentSpec(
    NetworkSection Network,
    double TStop,
    double Dt,
    int NTrials,
    IReadOnlyList<DriveEntry> Drives,
    IReadOnlyList<TonicBiasEntry> TonicBiases,
    PostprocEntry? Postproc = null,
    SpectraEntry? Spectra = null,
    Recording.RecordSpec? Record = null,
    IReadOnlyList<Extracellular.ElectrodeArraySpec>? ElectrodeArrays = null);

/// <summary>
/// "network": the model constructor, its arguments, cell positions, and extra connections
/// (add_connection calls applied after the model's own). <see cref="Params"/>: an HNN GUI
/// parameter file (.json or .param, relative to the experiment file's folder) the model is built
/// from; <see cref="AddDrivesFromParams"/>: also add the file's drives (docs/dev/params.md §6).
/// With <see cref="File"/>, the network is an HNN-core network configuration file instead (path
/// relative to the experiment file's folder; docs/network-config-file.md) and the model arguments
/// keep their defaults unused.
/// </summary>
public sealed record NetworkSection(
    string Model,
    int MeshX,
    int MeshY,
    bool LegacyMode,
    double? InplaneDistance,
    double? LayerSeparation,
    IReadOnlyList<ConnectionEntry> Connections,
    string? Params = null,
    bool AddDrivesFromParams = false,
    string? File = null);

/// <summary>One add_connection call. Gid arguments keep their JSON form: a name, a gid, a list, or a list of lists.</summary>
public sealed record ConnectionEntry(
    GidsEntry SrcGids, GidsEntry TargetGids, string Loc, string Receptor,
    double Weight, double Delay, double Lamtha, double? Threshold, double Gain,
    bool AllowAutapses, double Probability, long? ConnSeed);

/// <summary>A src_gids/target_gids value as written: name, names, gid list, or one list per source.</summary>
public sealed record GidsEntry(string? Name, IReadOnlyList<string>? Names, IReadOnlyList<int>? List, IReadOnlyList<IReadOnlyList<int>>? Nested, bool IsSingleInt);

/// <summary>One add_tonic_bias call.</summary>
public sealed record TonicBiasEntry(string BiasName, IReadOnlyList<KeyValuePair<string, double>> Amplitude, double T0, double? TStop, string Section);

/// <summary>Arguments every add_*_drive shares.</summary>
public abstract record DriveEntry(
    string Name, string Location,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsAmpa,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsNmda,
    PerCellType SynapticDelays, double SpaceConstant, PerCellType Probability, long? ConnSeed)
{
    public abstract string Type { get; }
}

/// <summary>add_evoked_drive; NDriveCells null = 'n_cells'.</summary>
public sealed record EvokedDriveEntry(
    string Name, double Mu, double Sigma, int NumSpikes, string Location, int? NDriveCells, bool CellSpecific,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsAmpa, IReadOnlyList<KeyValuePair<string, double>>? WeightsNmda,
    double SpaceConstant, PerCellType SynapticDelays, PerCellType Probability, long EventSeed, long? ConnSeed)
    : DriveEntry(Name, Location, WeightsAmpa, WeightsNmda, SynapticDelays, SpaceConstant, Probability, ConnSeed)
{
    public override string Type => "evoked";
}

/// <summary>add_poisson_drive.</summary>
public sealed record PoissonDriveEntry(
    string Name, double TStart, double? TStop, PerCellType RateConstant, string Location, int? NDriveCells, bool CellSpecific,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsAmpa, IReadOnlyList<KeyValuePair<string, double>>? WeightsNmda,
    double SpaceConstant, PerCellType SynapticDelays, PerCellType Probability, long EventSeed, long? ConnSeed)
    : DriveEntry(Name, Location, WeightsAmpa, WeightsNmda, SynapticDelays, SpaceConstant, Probability, ConnSeed)
{
    public override string Type => "poisson";
}

/// <summary>add_bursty_drive.</summary>
public sealed record BurstyDriveEntry(
    string Name, double TStart, double TStartStd, double? TStop, string Location, double BurstRate, double BurstStd,
    int NumSpikes, double SpikeIsi, int? NDriveCells, bool CellSpecific,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsAmpa, IReadOnlyList<KeyValuePair<string, double>>? WeightsNmda,
    PerCellType SynapticDelays, double SpaceConstant, PerCellType Probability, long EventSeed, long? ConnSeed)
    : DriveEntry(Name, Location, WeightsAmpa, WeightsNmda, SynapticDelays, SpaceConstant, Probability, ConnSeed)
{
    public override string Type => "bursty";
}

/// <summary>add_spike_train_drive, plus the per-source target_config HNN-core lacks.</summary>
public sealed record SpikeTrainDriveEntry(
    string Name, SpikeDataEntry SpikeData, string Location,
    IReadOnlyList<KeyValuePair<string, double>>? WeightsAmpa, IReadOnlyList<KeyValuePair<string, double>>? WeightsNmda,
    PerCellType SynapticDelays, double SpaceConstant, PerCellType Probability, long? ConnSeed,
    IReadOnlyList<KeyValuePair<string, ReplayTargetConfig>> TargetConfig)
    : DriveEntry(Name, Location, WeightsAmpa, WeightsNmda, SynapticDelays, SpaceConstant, Probability, ConnSeed)
{
    public override string Type => "spike_train";
}

/// <summary>spike_data as written: a file glob, source id → times, or [time, gid] events.</summary>
public sealed record SpikeDataEntry(
    string? Files,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>>? Sources,
    IReadOnlyList<(double Time, int Gid)>? Events,
    IReadOnlyList<string>? SpikeTypes = null,
    string SourcePrefix = "");
