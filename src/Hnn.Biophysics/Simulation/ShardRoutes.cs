using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// A shard's inbound synapse table (docs/dev/network.md §6, docs/dev/performance.md §2): the NetCons whose
/// target lives in the shard, streamed straight from the connections' pairs (the network's NetCon list is
/// never built) into compressed rows by source gid, one entry per (source, target) pair, structure of
/// arrays: target cell, synapse group, weight, delay. The sections of a pair's location share its
/// weight and delay (they depend on the two cells' positions only), so a pair stores them once and
/// its group lists the synapses (one per section) it activates, in section order. Entries of one source
/// keep the order of the NetCon list (connection, pair, target, section): the order NEURON would
/// deliver them in. A NetCon whose delay is longer than the run (<see cref="Horizon"/>) can never deliver
/// (spikes come at t ≥ 0) and is left out; so is an event a late spike would queue beyond the end.
/// </summary>
internal sealed class ShardRoutes
{
    private readonly int[] _rowStart;      // by source gid, TotalGids + 1: entries of gid g are _rowStart[g] … _rowStart[g+1]−1
    private readonly int[] _cell;          // per entry: target cell within the shard
    private readonly int[] _group;         // per entry: index into _groupStart
    private readonly double[] _weight;     // per entry (µS)
    private readonly double[] _delay;      // per entry (ms)
    private readonly int[] _groupStart;    // groups + 1: synapses of group k are _synapses[_groupStart[k] … _groupStart[k+1]−1]
    private readonly int[] _synapses;

    private readonly double _horizon;

    private static long _bytesBuilt, _netconsBuilt, _leftOutBuilt;

    private ShardRoutes(int[] rowStart, int[] cell, int[] group, double[] weight, double[] delay, int[] groupStart, int[] synapses,
        double horizon, long leftOut)
    {
        _horizon = horizon;
        LeftOutNetCons = leftOut;
        _rowStart = rowStart;
        _cell = cell;
        _group = group;
        _weight = weight;
        _delay = delay;
        _groupStart = groupStart;
        _synapses = synapses;
        long netcons = 0;
        for (var j = 0; j < cell.Length; j++) netcons += groupStart[group[j] + 1] - groupStart[group[j]];
        NetConCount = netcons;
        Bytes = 4L * (rowStart.Length + groupStart.Length + synapses.Length) + (4L + 4 + 8 + 8) * cell.Length;
        Interlocked.Add(ref _bytesBuilt, Bytes);
        Interlocked.Add(ref _netconsBuilt, NetConCount);
        Interlocked.Add(ref _leftOutBuilt, leftOut);
    }

    /// <summary>
    /// Events later than this are never delivered (the last step's mid-time is EndTime − dt/2): the run's
    /// end plus one step, so that rounding in a spike time plus a delay cannot matter.
    /// </summary>
    public static double Horizon(TimeGrid grid) => grid.EndTime + grid.Dt;

    /// <summary>NetCons onto the shard left out because their delay exceeds the horizon.</summary>
    public long LeftOutNetCons { get; }

    /// <summary>(source, target) pairs in the table.</summary>
    public int PairCount => _cell.Length;

    /// <summary>NetCons the table holds (pairs × sections of their location).</summary>
    public long NetConCount { get; }

    /// <summary>The table's arrays in bytes (without the arrays' object headers).</summary>
    public long Bytes { get; }

    /// <summary>Bytes, NetCons held and NetCons left out of every table this process built so far (for `hnn bench erp`).</summary>
    public static (long Bytes, long NetCons, long LeftOut) BuiltInProcess =>
        (Interlocked.Read(ref _bytesBuilt), Interlocked.Read(ref _netconsBuilt), Interlocked.Read(ref _leftOutBuilt));

    /// <summary>Gids with at least one entry, ascending.</summary>
    public int[] SourceGids()
    {
        var result = new List<int>();
        for (var g = 0; g + 1 < _rowStart.Length; g++)
            if (_rowStart[g + 1] > _rowStart[g]) result.Add(g);
        return result.ToArray();
    }

    /// <summary>Entries of <paramref name="sourceGid"/>: [start, end) (empty for a gid outside the table).</summary>
    public (int Start, int End) Row(int sourceGid) =>
        (uint)sourceGid + 1 < (uint)_rowStart.Length ? (_rowStart[sourceGid], _rowStart[sourceGid + 1]) : (0, 0);

    public int Cell(int entry) => _cell[entry];
    public double Weight(int entry) => _weight[entry];
    public double Delay(int entry) => _delay[entry];

    /// <summary>The synapses entry <paramref name="entry"/> activates, in section order.</summary>
    public ReadOnlySpan<int> Synapses(int entry)
    {
        var g = _group[entry];
        return _synapses.AsSpan(_groupStart[g], _groupStart[g + 1] - _groupStart[g]);
    }

    /// <summary>
    /// Queues on <paramref name="population"/> every synaptic event of a spike of <paramref name="sourceGid"/>
    /// at <paramref name="time"/>: for each entry and each synapse of its group, in table order, the event
    /// at time + delay with the entry's weight. Allocates nothing.
    /// </summary>
    public void Deliver(int sourceGid, double time, Cells.Population population)
    {
        if ((uint)sourceGid + 1 >= (uint)_rowStart.Length) return;
        System.Diagnostics.Debug.Assert(time >= 0, "spike times are >= 0: the NetCons left out for their delay could never deliver");
        var end = _rowStart[sourceGid + 1];
        for (var j = _rowStart[sourceGid]; j < end; j++)
        {
            var at = time + _delay[j];
            if (at > _horizon) continue;   // after the run's last step: it would never be delivered
            var cell = _cell[j];
            var weight = _weight[j];
            var g = _group[j];
            var last = _groupStart[g + 1];
            for (var s = _groupStart[g]; s < last; s++)
                population.Schedule(at, cell, _synapses[s], weight);
        }
    }

    /// <summary>
    /// The table of the shard whose cells are gids <paramref name="firstGid"/> …
    /// <paramref name="firstGid"/> + <paramref name="cellCount"/> − 1 of type <paramref name="cellType"/>;
    /// <paramref name="synapseIndex"/> maps (section, receptor) to the shard's synapse index.
    /// Two passes over the pairs (count per source, then fill), so nothing grows while it is built.
    /// NetCons with a delay beyond <paramref name="horizon"/> (<see cref="Horizon"/>) are left out.
    /// </summary>
    public static ShardRoutes Build(NetworkSpec net, string cellType, int firstGid, int cellCount, Func<string, string, int> synapseIndex,
        double horizon = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(net);
        var template = net.TemplateOf(cellType);
        // Connections onto this type with NetCons, each one synapse group.
        var connections = new List<(int Index, int Group)>();
        var groupStart = new List<int> { 0 };
        var synapses = new List<int>();
        for (var ci = 0; ci < net.Connections.Count; ci++)
        {
            var c = net.Connections[ci];
            if (c.TargetType != cellType) continue;
            var sections = template.SectionsFor(c.Location);
            if (sections.Count == 0) continue;   // e.g. a legacy zero-weight distal drive onto L5_basket
            foreach (var section in sections) synapses.Add(synapseIndex(section, c.Receptor));
            connections.Add((ci, groupStart.Count - 1));
            groupStart.Add(synapses.Count);
        }

        var rowStart = new int[net.TotalGids + 1];
        var last = (uint)cellCount;
        var positions = NetConResolver.Positions(net);
        long total = 0, leftOut = 0;
        foreach (var (ci, g) in connections)
        {
            var c = net.Connections[ci];
            var length = c.Lamtha * net.InplaneDistance;
            var baseWeight = c.Weight * c.Gain;
            var sections = groupStart[g + 1] - groupStart[g];
            foreach (var pair in c.Pairs)
            {
                var ps = positions[pair.Source];
                var n = 0;
                foreach (var target in pair.Targets)
                {
                    if ((uint)(target - firstGid) >= last) continue;
                    if (NetConResolver.WeightAndDelay(baseWeight, c.Delay, ps, positions[target], length).Delay > horizon) leftOut += sections;
                    else n++;
                }
                rowStart[pair.Source + 1] += n;
                total += n;
            }
        }
        if (total > Array.MaxLength)
            throw new ArgumentException($"the shard of {cellType} cells {firstGid - net.RangeOf(cellType).Start}… receives {total} connection pairs, more than one table holds ({Array.MaxLength}); use more shards");
        for (var g = 0; g < net.TotalGids; g++) rowStart[g + 1] += rowStart[g];

        var count = (int)total;
        var cell = new int[count];
        var group = new int[count];
        var weight = new double[count];
        var delay = new double[count];
        var next = rowStart[..^1];
        foreach (var (ci, g) in connections)
        {
            var c = net.Connections[ci];
            var length = c.Lamtha * net.InplaneDistance;
            var baseWeight = c.Weight * c.Gain;
            foreach (var pair in c.Pairs)
            {
                var ps = positions[pair.Source];
                foreach (var target in pair.Targets)
                {
                    var local = target - firstGid;
                    if ((uint)local >= last) continue;
                    var (w, d) = NetConResolver.WeightAndDelay(baseWeight, c.Delay, ps, positions[target], length);
                    if (d > horizon) continue;
                    var j = next[pair.Source]++;
                    (weight[j], delay[j]) = (w, d);
                    cell[j] = local;
                    group[j] = g;
                }
            }
        }
        return new ShardRoutes(rowStart, cell, group, weight, delay, groupStart.ToArray(), synapses.ToArray(), horizon, leftOut);
    }
}
