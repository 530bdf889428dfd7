namespace Hnn.Biophysics.Network;

/// <summary>
/// The forms HNN-core's <c>add_connection</c> accepts for <c>src_gids</c>/<c>target_gids</c>
/// (docs/dev/network.md §7): a cell type or drive name, one gid, a range, a list of gids, a list of names,
/// or (targets only) one list of targets per source.
/// </summary>
public sealed record Gids
{
    private Gids() { }

    internal string? Name { get; private init; }
    internal IReadOnlyList<string>? Names { get; private init; }
    internal IReadOnlyList<int>? List { get; private init; }
    internal IReadOnlyList<IReadOnlyList<int>>? Nested { get; private init; }

    public static Gids Of(string name) => new() { Name = name };
    public static Gids Of(params int[] gids) => new() { List = gids };
    public static Gids OfNames(params string[] names) => new() { Names = names };
    public static Gids Range(int start, int stop) => new() { List = Enumerable.Range(start, Math.Max(0, stop - start)).ToArray() };
    public static Gids PerSource(IEnumerable<IEnumerable<int>> targetsPerSource) =>
        new() { Nested = targetsPerSource.Select(t => (IReadOnlyList<int>)t.ToArray()).ToArray() };

    public static implicit operator Gids(string name) => Of(name);
    public static implicit operator Gids(int gid) => Of(gid);
    public static implicit operator Gids(int[] gids) => Of(gids);
    public static implicit operator Gids(GidRange range) => Range(range.Start, range.Stop);

    public override string ToString() =>
        Name is not null ? $"'{Name}'"
        : Names is not null ? Invalid.Show(Names)
        : List is not null ? Invalid.Show(List)
        : Invalid.Show(Nested!.Select(Invalid.Show));
}
