namespace Hnn.Biophysics.Network;

/// <summary>A contiguous half-open gid range [Start, Stop) of a cell type or drive (docs/dev/network.md §4).</summary>
public readonly record struct GidRange(string Name, int Start, int Stop)
{
    public int Count => Stop - Start;

    public bool Contains(int gid) => gid >= Start && gid < Stop;

    public IEnumerable<int> Gids => Enumerable.Range(Start, Count);

    /// <summary>Python's repr, as HNN-core prints it: <c>range(270, 409)</c>.</summary>
    public override string ToString() => $"range({Start}, {Stop})";
}
