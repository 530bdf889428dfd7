using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// The compact per-shard route table (docs/dev/performance.md §2) against the NetCon list it replaces:
/// for every shard of several layouts, every source's NetCons onto the shard in the list's order, with
/// the same synapse, weight and delay bit for bit; NetCons beyond the horizon left out; each
/// connection's shortest delay; a target list without the source; the event heap's order.
/// </summary>
public sealed class ShardRoutesTests(ITestOutputHelper output)
{
    // ERP 5×5 plus a pruned connection without autapses and one with a target list per source.
    private static NetworkSpec Network()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(5, 5)));
        var l2 = net.RangeOf(CellTemplates.L2Pyramidal);
        net = net.AddConnection(CellTemplates.L2Pyramidal, CellTemplates.L2Pyramidal, "distal", "ampa", 0.001, 1.5, 4.0,
            allowAutapses: false, probability: 0.5, connSeed: 7);
        return net.AddConnection(Gids.Of(l2.Start, l2.Start + 3), Gids.PerSource([[l2.Start + 3, l2.Start + 1, l2.Start + 3], [l2.Start]]),
            "soma", "gabaa", 0.01, 2.0, 20.0);
    }

    private static IReadOnlyList<(int Source, int Cell, string Section, string Receptor, double Weight, double Delay)> FromList(
        NetworkSpec net, ShardSpec s, double horizon)
    {
        var first = net.RangeOf(s.CellType).Start + s.FirstCell;
        return NetConResolver.Resolve(net)
            .Where(n => n.TargetGid >= first && n.TargetGid < first + s.CellCount && n.Delay <= horizon)
            .OrderBy(n => n.SourceGid)   // stable: keeps the list's order within a source
            .Select(n => (n.SourceGid, n.TargetGid - first, n.Section, n.Receptor, n.Weight, n.Delay)).ToList();
    }

    private static IReadOnlyList<(int Source, int Cell, string Section, string Receptor, double Weight, double Delay)> FromTable(
        NetworkSpec net, ShardSpec s, double horizon, out ShardRoutes routes)
    {
        var synapses = new List<(string, string)>();
        int Index(string section, string receptor)
        {
            var i = synapses.IndexOf((section, receptor));
            if (i < 0) synapses.Add((section, receptor));
            return i < 0 ? synapses.Count - 1 : i;
        }
        routes = ShardRoutes.Build(net, s.CellType, net.RangeOf(s.CellType).Start + s.FirstCell, s.CellCount, Index, horizon);
        var result = new List<(int, int, string, string, double, double)>();
        for (var g = 0; g < net.TotalGids; g++)
        {
            var (start, end) = routes.Row(g);
            for (var j = start; j < end; j++)
                foreach (var k in routes.Synapses(j))
                    result.Add((g, routes.Cell(j), synapses[k].Item1, synapses[k].Item2, routes.Weight(j), routes.Delay(j)));
        }
        return result;
    }

    [Theory]
    [InlineData(1, double.PositiveInfinity)]
    [InlineData(3, double.PositiveInfinity)]
    [InlineData(2, 6.0)]
    public void EveryShardHoldsItsNetConsInTheListsOrderWithTheSameWeightsAndDelays(int shardsPerType, double horizon)
    {
        var net = Network();
        long held = 0, leftOut = 0;
        foreach (var s in ShardLayout.Split(net, shardsPerType))
        {
            var expected = FromList(net, s, horizon);
            var actual = FromTable(net, s, horizon, out var routes);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
                Assert.True(expected[i] == actual[i], $"{s.Name} NetCon {i}: {expected[i]} in the list, {actual[i]} in the table");
            Assert.Equal(expected.Count, routes.NetConCount);
            Assert.Equal(expected.Select(e => e.Source).Distinct(), routes.SourceGids());
            held += routes.NetConCount;
            leftOut += routes.LeftOutNetCons;
        }
        var all = NetConResolver.Resolve(net);
        Assert.Equal(all.Count, held + leftOut);
        Assert.Equal(all.Count(n => n.Delay > horizon), leftOut);
        output.WriteLine($"{shardsPerType} shards per type, horizon {horizon} ms: {held} NetCons held, {leftOut} left out");
    }

    [Fact]
    public void EachConnectionsShortestDelayIsTheMinimumOverItsNetCons()
    {
        var net = Network();
        var all = NetConResolver.Resolve(net);
        var delays = NetConResolver.MinDelays(net);
        for (var ci = 0; ci < net.Connections.Count; ci++)
        {
            var own = all.Where(n => n.ConnectionIndex == ci).Select(n => n.Delay).ToList();
            Assert.Equal(own.Count == 0 ? double.PositiveInfinity : own.Min(), delays[ci]);
        }
    }

    [Fact]
    public void EventsQueuedPastTheHorizonAreNotDeliveredAndTheRestAreInTheListsOrder()
    {
        var net = Network();
        var grid = TimeGrid.Create(10.0, 0.025);
        var shard = ShardLayout.Split(net, 1).First(s => s.CellType == CellTemplates.L2Pyramidal);
        var routes = ShardRoutes.Build(net, shard.CellType, net.RangeOf(shard.CellType).Start, shard.CellCount, (_, _) => 0, ShardRoutes.Horizon(grid));
        Assert.Equal(grid.EndTime + grid.Dt, ShardRoutes.Horizon(grid));
        Assert.True(routes.LeftOutNetCons > 0, "the 5×5 network has NetCons longer than 10 ms");
        Assert.All(Enumerable.Range(0, routes.PairCount), j => Assert.True(routes.Delay(j) <= ShardRoutes.Horizon(grid)));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, 3)]
    [InlineData(new[] { 1, 2, 3, 4 }, 1)]
    [InlineData(new[] { 1, 2, 3, 4 }, 4)]
    [InlineData(new[] { 1, 2, 3, 4 }, 9)]
    [InlineData(new[] { 3, 1, 3, 2 }, 3)]
    [InlineData(new[] { 5 }, 5)]
    public void ATargetListWithoutItsSourceIsTheFilteredList(int[] all, int source)
    {
        var view = TargetsWithout.Of(all, source);
        var expected = all.Where(t => t != source).ToArray();
        Assert.Equal(expected, view);
        Assert.Equal(expected.Length, view.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], view[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => view[expected.Length]);
    }

    [Fact]
    public void AllToAllWithoutAutapsesSharesOneTargetArray()
    {
        var net = Jones2009.Create(new MeshShape(4, 4));
        var c = net.Connections[0];   // L2Pyr → L2Pyr nmda, no autapses
        Assert.False(c.AllowAutapses);
        Assert.All(c.Pairs, p => Assert.IsType<TargetsWithout>(p.Targets));
        Assert.All(c.Pairs, p => Assert.Equal(net.RangeOf(CellTemplates.L2Pyramidal).Gids.Where(g => g != p.Source), p.Targets));
    }

    [Fact]
    public void TheEventHeapDeliversInTheCanonicalOrder()
    {
        var rng = new System.Random(5);
        var queue = new EventQueue(1);
        var pending = new List<SynapticEvent>();
        // Spikes arrive between steps: queue a batch, then take what is due, many times over.
        for (var t = 0.0; t <= 30.0; t += 0.5)
        {
            for (var k = 0; k < 300; k++)
            {
                var e = new SynapticEvent(t + Math.Round(rng.NextDouble() * 5, 1), rng.Next(8), rng.Next(3) * 0.5);
                queue.Enqueue(e);
                pending.Add(e);
            }
            var expected = pending.Where(e => e.Time <= t).Order(SynapticEvent.Order).ToList();
            pending.RemoveAll(e => e.Time <= t);
            var actual = new List<SynapticEvent>();
            while (queue.TryDequeue(t, out var e)) actual.Add(e);
            Assert.Equal(expected, actual);
            Assert.Equal(pending.Count, queue.Count);
        }
        Assert.Equal(pending.Order(SynapticEvent.Order), queue.ToArray().Order(SynapticEvent.Order));
    }
}
