using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// One unit of work: cells [FirstCell, FirstCell + CellCount) of one cell type, numbered
/// within the type (gid = the type's first gid + cell).
/// </summary>
public sealed record ShardSpec(int Index, string CellType, int FirstCell, int CellCount)
{
    public string Name => $"{CellType}[{FirstCell}..{FirstCell + CellCount - 1}]";
}

/// <summary>How the cell types of a network are cut into shards.</summary>
public static class ShardLayout
{
    /// <summary>
    /// Each cell type in <paramref name="shardsPerType"/> near-equal contiguous shards (fewer when
    /// the type has fewer cells); types in the network's order.
    /// </summary>
    public static IReadOnlyList<ShardSpec> Split(NetworkSpec net, int shardsPerType)
    {
        if (shardsPerType < 1)
            throw new ArgumentOutOfRangeException(nameof(shardsPerType), shardsPerType, "shards per cell type must be ≥ 1");
        var shards = new List<ShardSpec>();
        foreach (var type in net.CellTypes)
        {
            var k = Math.Min(shardsPerType, type.Count);
            for (var s = 0; s < k; s++)
            {
                var first = (int)((long)type.Count * s / k);
                var next = (int)((long)type.Count * (s + 1) / k);
                shards.Add(new ShardSpec(shards.Count, type.Name, first, next - first));
            }
        }
        return shards;
    }

    /// <summary>
    /// The shards' indices, heaviest first (cells × compartments of the type's template): handing the
    /// epoch's work to a shared pool in this order is the longest-processing-time rule, which keeps
    /// the cores' loads within the lightest shards of each other (docs/dev/performance.md §3).
    /// </summary>
    public static int[] HeaviestFirst(NetworkSpec net, IReadOnlyList<ShardSpec> layout)
    {
        var cost = layout.Select(s => (long)s.CellCount * net.TemplateOf(s.CellType).Sections.Sum(x => x.SegmentCount)).ToArray();
        var order = Enumerable.Range(0, layout.Count).ToArray();
        // Stable: equal shards keep their layout order.
        return order.OrderByDescending(i => cost[i]).ToArray();
    }

    /// <summary>One shard per cell: the extreme layout the determinism test uses.</summary>
    public static IReadOnlyList<ShardSpec> OneCellPerShard(NetworkSpec net) =>
        net.CellTypes.SelectMany(t => Enumerable.Range(0, t.Count).Select(c => (t.Name, c)))
            .Select((x, i) => new ShardSpec(i, x.Name, x.c, 1)).ToArray();

    /// <summary>
    /// A default for the machine: each type cut into one shard per core, so that every core has a
    /// share of the heavy pyramidal populations in every epoch (measured best on 2 cores: 2 per
    /// type beat 1 by 1.6× and 4 or 8 per type gained nothing more).
    /// </summary>
    public static int DefaultShardsPerType(int cores) => Math.Max(1, cores);
}
