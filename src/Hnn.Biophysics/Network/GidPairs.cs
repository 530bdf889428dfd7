namespace Hnn.Biophysics.Network;

/// <summary>One source gid and the target gids it connects to, in stored order (HNN-core's gid_pairs entry).</summary>
public sealed record GidPairs(int Source, IReadOnlyList<int> Targets);
