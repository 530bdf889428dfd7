namespace Hnn.Biophysics.Drives;

/// <summary>
/// A spike-train replay drive (add_spike_train_drive): drive cell i replays the spike times of the
/// i-th source in every trial. Beyond HNN-core, <see cref="TargetGroups"/> lets groups of sources
/// reach their own target types with their own weights, delays and probability.
/// </summary>
public sealed record SpikeTrainDrive : Drive
{
    public IReadOnlyList<SpikeSource> Sources { get; internal init => field = WireForm.Array(value); } = [];

    /// <summary>True when the source ids came from the input (dict or files): HNN-core's source_to_gid_map.</summary>
    public bool HasSourceMap { get; internal init; }

    /// <summary>Per-source targeting groups from target_config; sources in no group use <see cref="Drive.Targets"/>.</summary>
    public IReadOnlyList<ReplayTargetGroup> TargetGroups { get; internal init => field = WireForm.Array(value); } = [];

    public override string Type => "spike_train";

    /// <summary>Source id → drive cell index (HNN-core's source_to_gid_map; empty without one).</summary>
    public IReadOnlyDictionary<string, int> SourceToGidMap =>
        HasSourceMap ? Sources.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i) : new Dictionary<string, int>();

    // docs/dev/drives.md §4.4: the same times every trial; no generator, no window.
    internal override double[] CellEventTimes(int offset, string? targetType, long seedBase, double tstop) =>
        Sources[offset].Times.ToArray();
}
