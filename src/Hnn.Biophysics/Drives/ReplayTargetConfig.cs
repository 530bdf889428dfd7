namespace Hnn.Biophysics.Drives;

/// <summary>
/// Beyond HNN-core: how one replayed source (or every source sharing this configuration) connects,
/// as the seed tutorial's <c>target_config</c> describes it. Targets are the keys of the weight
/// dictionaries; unset fields fall back to the drive's location, delay 0.1 ms, probability 1.0,
/// the drive's space constant and a conn_seed derived from the drive's (docs/experiment-file.md).
/// </summary>
public sealed record ReplayTargetConfig(
    IReadOnlyDictionary<string, double>? WeightsAmpa = null,
    IReadOnlyDictionary<string, double>? WeightsNmda = null,
    string? Location = null,
    PerCellType? SynapticDelays = null,
    PerCellType? Probability = null,
    double? SpaceConstant = null,
    long? ConnSeed = null,
    IReadOnlyList<string>? TargetCellTypes = null)
{
    /// <summary>A value key: sources whose configurations are equal share one connection group.</summary>
    internal string Key =>
        string.Join("|",
            Dict(WeightsAmpa), Dict(WeightsNmda), Location ?? "", SynapticDelays?.ToString() ?? "",
            Probability?.ToString() ?? "", SpaceConstant?.ToString("R") ?? "", ConnSeed?.ToString() ?? "",
            TargetCellTypes is null ? "" : string.Join(",", TargetCellTypes));

    private static string Dict(IReadOnlyDictionary<string, double>? d) =>
        d is null ? "-" : string.Join(",", d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value:R}"));
}

/// <summary>Sources of a replay drive that share one resolved targeting.</summary>
public sealed record ReplayTargetGroup(
    IReadOnlyList<int> SourceIndices,
    string Location,
    IReadOnlyList<DriveTarget> Targets,
    double SpaceConstant,
    long? ConnSeed);
