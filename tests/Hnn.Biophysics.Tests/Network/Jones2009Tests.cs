using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.Network;

/// <summary>The default column's structure (docs/dev/network.md §2–§5) and add_connection's sampling (§7–§8).</summary>
public class Jones2009Tests
{
    [Fact]
    public void SixteenDefaultConnectionsInHnnCoreOrder()
    {
        var net = Jones2009.Create();
        var summary = net.Connections.Select(c => $"{c.SourceType}>{c.TargetType}:{c.Location}:{c.Receptor}:{c.PairCount}").ToArray();
        Assert.Equal(
        [
            "L2_pyramidal>L2_pyramidal:proximal:nmda:9900", "L2_pyramidal>L2_pyramidal:proximal:ampa:9900",
            "L5_pyramidal>L5_pyramidal:proximal:nmda:9900", "L5_pyramidal>L5_pyramidal:proximal:ampa:9900",
            "L2_basket>L2_pyramidal:soma:gabaa:3500", "L2_basket>L2_pyramidal:soma:gabab:3500",
            "L5_basket>L5_pyramidal:soma:gabaa:3500", "L5_basket>L5_pyramidal:soma:gabab:3500",
            "L2_pyramidal>L5_pyramidal:proximal:ampa:10000", "L2_pyramidal>L5_pyramidal:distal:ampa:10000",
            "L2_basket>L5_pyramidal:distal:gabaa:3500", "L2_pyramidal>L2_basket:soma:ampa:3500",
            "L2_basket>L2_basket:soma:gabaa:1225", "L5_basket>L5_basket:soma:gabaa:1190",
            "L5_pyramidal>L5_basket:soma:ampa:3500", "L2_pyramidal>L5_basket:soma:ampa:3500",
        ], summary);
        var netcons = NetConResolver.Resolve(net).Count;
        Assert.True(netcons == 189215, $"cell-to-cell NetCons {netcons}, expected 189,215");
    }

    [Theory]
    [InlineData(10, 10, 35, 100)]
    [InlineData(3, 3, 3, 9)]
    [InlineData(2, 3, 3, 6)]
    [InlineData(2, 2, 2, 4)]
    public void MeshShapeSetsCellCounts(int nx, int ny, int baskets, int pyramids)
    {
        var net = Jones2009.Create(new MeshShape(nx, ny));
        Assert.Equal([baskets, pyramids, baskets, pyramids], net.CellTypes.Select(c => c.Count));
        Assert.Equal(new GidRange("L2_basket", 0, baskets), net.RangeOf("L2_basket"));
    }

    [Fact]
    public void Origin_AndBasketPositions_FollowHnnCoresGrid()
    {
        Assert.Equal(new Position(4.0, 4.0, 653.0), Jones2009.Create().Origin);
        Assert.Equal(new Position(1.0, 1.0, 653.0), Jones2009.Create(new MeshShape(3, 3)).Origin);
        var baskets = Jones2009.Create().CellTypes[0].Positions;
        Assert.Equal((3.0, 0.0), (baskets[1].X, baskets[1].Y));
        Assert.Equal((1.0, 1.0), (baskets[4].X, baskets[4].Y));
        Assert.Equal((7.0, 9.0), (baskets[34].X, baskets[34].Y));
    }

    [Fact]
    public void SetCellPositionsScalesGeometryNotWeights()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        var wider = net.WithCellPositions(inplaneDistance: 2.0, layerSeparation: 1000);
        Assert.Equal(new Position(2.0, 4.0, 1000.0), wider.PositionOf(35 + 12));
        Assert.Equal(wider.Origin, wider.PositionOf(300));
        var a = NetConResolver.Resolve(net, 0);
        var b = NetConResolver.Resolve(wider, 0);
        Assert.Equal(a.Select(n => n.Weight), b.Select(n => n.Weight));
    }

    [Fact]
    public void ProbabilityHalfKeepsHnnCoresPairs()
    {
        // docs/dev/network.md §8 test vector: N = 9900, k = 4950 (Floyd branch), source 35's kept targets.
        var net = NetworkSpec.Bare().AddConnection("L2_pyramidal", "L2_pyramidal", "proximal", "ampa", 5e-4, 1.0, 3.0,
            allowAutapses: false, probability: 0.5, connSeed: 3);
        var c = net.Connections[0];
        Assert.Equal(4950, c.PairCount);
        Assert.Equal(100, c.Pairs.Count);
        Assert.Equal([37, 38, 42, 43, 45, 47, 49, 53, 54, 56], c.Pairs[0].Targets.Take(10));
        Assert.Equal(100, c.SourceGids.Count);
        Assert.Equal(0.5, c.Probability);
    }

    [Fact]
    public void AutapsesRemovedOnlyWhenAsked()
    {
        var net = Jones2009.Create();
        Assert.DoesNotContain(net.Connections[13].Pairs, p => p.Targets.Contains(p.Source));
        Assert.Contains(net.Connections[12].Pairs, p => p.Targets.Contains(p.Source));
    }

    [Fact]
    public void AddConnectionAcceptsHnnCoresArgumentForms()
    {
        var net = NetworkSpec.Bare();
        net = net.AddConnection(35, 36, "apical_trunk", "nmda", 0.01, 1.0, 3.0);                    // int, int, section name
        net = net.AddConnection(Gids.Range(35, 37), Gids.Of(170, 171), "proximal", "ampa", 0.01, 1.0, 3.0);
        net = net.AddConnection(Gids.OfNames("L2_basket"), "L5_pyramidal", "soma", "gabaa", 0.01, 1.0, 3.0);
        net = net.AddConnection(Gids.Of(0, 1), Gids.PerSource([[2], [3, 4]]), "soma", "gabaa", 0.01, 1.0, 3.0);
        Assert.Equal(4, net.Connections.Count);
        Assert.Single(NetConResolver.Resolve(net, 0));
        Assert.Equal(4 * 3, NetConResolver.Resolve(net, 1).Count);
        Assert.Equal(3, net.Connections[3].PairCount);
        Assert.Equal("apical_trunk", NetConResolver.Resolve(net, 0)[0].Section);
    }

    [Fact]
    public void ClearConnectivityKeepsDriveConnections_ClearDrivesKeepsCellConnections()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        Assert.Equal(14, net.ClearConnectivity().Connections.Count);
        var cleared = net.ClearDrives();
        Assert.Empty(cleared.Drives);
        Assert.Equal(16, cleared.Connections.Count);
        Assert.Equal(270, cleared.TotalGids);
    }

    [Fact]
    public void GidToType_AndToString_MatchHnnCore()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        Assert.Equal("L5_basket", net.GidToType(135));
        Assert.Equal("evprox2", net.GidToType(1044));
        Assert.Null(net.GidToType(1045));
        Assert.Equal("<Network | 35 L2_basket cells\n100 L2_pyramidal cells\n35 L5_basket cells\n100 L5_pyramidal cells>", net.ToString());
    }
}
