namespace Hnn.Biophysics.Coupling;

/// <summary>
/// A live projection between two networks of a <see cref="MultiNetworkSpec"/>: every cell of
/// <see cref="SourceTypes"/> in network <see cref="From"/> is one source of the spike-train drive
/// named <see cref="Name"/> in network <see cref="To"/>, whose spikes arrive while both run instead
/// of from a file (docs/dev/coupling.md §1). <see cref="SourceGids"/> are the sources in drive-cell
/// order (gid order in <see cref="From"/>); source i has the id "{From}_{type}_GID{gid}".
/// </summary>
public sealed record Projection(string Name, string From, IReadOnlyList<string> SourceTypes, string To, IReadOnlyList<int> SourceGids);
