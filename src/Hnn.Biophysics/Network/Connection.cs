namespace Hnn.Biophysics.Network;

/// <summary>
/// One entry of a network's connectivity (docs/dev/network.md §7): a group of (source, target) gid pairs
/// sharing location, receptor and the distance-dependent weight/delay rule. <see cref="Pairs"/> is
/// already pruned by <see cref="Probability"/>; <see cref="SourceGids"/>/<see cref="TargetGids"/> are
/// the requested gids before pruning (as HNN-core keeps them).
/// </summary>
public sealed record Connection(
    string SourceType,
    string TargetType,
    string Location,
    string Receptor,
    double Weight,
    double Delay,
    double Lamtha,
    double Threshold,
    double Gain,
    double Probability,
    bool AllowAutapses,
    long? ConnSeed,
    IReadOnlyList<int> SourceGids,
    IReadOnlyList<int> TargetGids,
    IReadOnlyList<GidPairs> Pairs)
{
    /// <summary>Number of (source, target) pairs kept.</summary>
    public int PairCount => Pairs.Sum(p => p.Targets.Count);
}
