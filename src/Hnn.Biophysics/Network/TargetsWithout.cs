using System.Collections;

namespace Hnn.Biophysics.Network;

/// <summary>
/// One source's targets in a connection without autapses: a target list shared by all the
/// connection's sources, less the one entry that is the source itself. Stored as the shared list
/// and that entry's index, so an all-to-all connection of N sources onto N targets holds N small
/// objects instead of N copies of N − 1 gids (docs/dev/network.md §7).
/// </summary>
internal sealed class TargetsWithout : IReadOnlyList<int>
{
    private readonly int[] _all;
    private readonly int _skip;

    private TargetsWithout(int[] all, int skip)
    {
        _all = all;
        _skip = skip;
    }

    /// <summary><paramref name="all"/> without <paramref name="source"/>, in order: a view when it occurs once, else a copy (or <paramref name="all"/> itself).</summary>
    public static IReadOnlyList<int> Of(int[] all, int source)
    {
        var at = Array.IndexOf(all, source);
        if (at < 0) return all;
        if (Array.IndexOf(all, source, at + 1) >= 0) return all.Where(t => t != source).ToArray();
        return new TargetsWithout(all, at);
    }

    public int Count => _all.Length - 1;

    public int this[int index] =>
        (uint)index < (uint)Count ? _all[index < _skip ? index : index + 1] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < _all.Length; i++)
            if (i != _skip) yield return _all[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", this)}]";
}
