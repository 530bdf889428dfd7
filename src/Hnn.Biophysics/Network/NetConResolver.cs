using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Network;

/// <summary>
/// Expands a <see cref="NetworkSpec"/> into NetCons (docs/dev/network.md §6): every kept
/// (source, target) pair of every connection, once per section of the connection's location, with
/// weight = (A_weight·gain)·f and delay = A_delay / f, f = exp(−r²/L²), r the lateral distance and
/// L = lamtha × in-plane distance. Drive cells sit at the origin. The simulator never holds the whole
/// list: each shard streams the pairs whose target it owns into its own route table
/// (<see cref="Simulation.ShardRoutes"/>) and the epoch plan needs only each connection's shortest
/// delay (<see cref="MinDelays"/>); <see cref="Resolve(NetworkSpec)"/> materialises the list for
/// tests and tools.
/// </summary>
internal static class NetConResolver
{
    public static IReadOnlyList<NetConSpec> Resolve(NetworkSpec net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var positions = Positions(net);
        var result = new List<NetConSpec>();
        for (var ci = 0; ci < net.Connections.Count; ci++)
            AppendConnection(net, ci, positions, result);
        return result;
    }

    /// <summary>NetCons of one connection entry, in pair order then section order.</summary>
    public static IReadOnlyList<NetConSpec> Resolve(NetworkSpec net, int connectionIndex)
    {
        var result = new List<NetConSpec>();
        AppendConnection(net, connectionIndex, Positions(net), result);
        return result;
    }

    /// <summary>The position of every gid (drive cells at the origin).</summary>
    internal static Position[] Positions(NetworkSpec net)
    {
        var positions = new Position[net.TotalGids];
        var gid = 0;
        foreach (var c in net.CellTypes)
            for (var i = 0; i < c.Count; i++) positions[gid++] = c.Positions[i];
        for (; gid < positions.Length; gid++) positions[gid] = net.PositionOf(gid);
        return positions;
    }

    /// <summary>
    /// The shortest delay of each connection's NetCons, indexed like <see cref="NetworkSpec.Connections"/>;
    /// +∞ for a connection without NetCons (every pair pruned, or a location without sections). A
    /// connection's sources are of one type, so these decide both the cell-to-cell and a projection's
    /// shortest delay without the NetCon list.
    /// </summary>
    public static double[] MinDelays(NetworkSpec net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var positions = Positions(net);
        var result = new double[net.Connections.Count];
        for (var ci = 0; ci < result.Length; ci++)
        {
            var c = net.Connections[ci];
            var min = double.PositiveInfinity;
            if (net.TemplateOf(c.TargetType).SectionsFor(c.Location).Count > 0)
            {
                var length = c.Lamtha * net.InplaneDistance;
                var baseWeight = c.Weight * c.Gain;
                foreach (var pair in c.Pairs)
                {
                    var ps = positions[pair.Source];
                    foreach (var target in pair.Targets)
                    {
                        var delay = WeightAndDelay(baseWeight, c.Delay, ps, positions[target], length).Delay;
                        if (delay < min) min = delay;
                    }
                }
            }
            result[ci] = min;
        }
        return result;
    }

    private static void AppendConnection(NetworkSpec net, int ci, Position[] positions, List<NetConSpec> result)
    {
        var c = net.Connections[ci];
        var sections = net.TemplateOf(c.TargetType).SectionsFor(c.Location);
        if (sections.Count == 0) return;   // e.g. a legacy zero-weight distal drive onto L5_basket
        var length = c.Lamtha * net.InplaneDistance;
        var baseWeight = c.Weight * c.Gain;
        foreach (var pair in c.Pairs)
        {
            var ps = positions[pair.Source];
            foreach (var target in pair.Targets)
            {
                var pt = positions[target];
                var (weight, delay) = WeightAndDelay(baseWeight, c.Delay, ps, pt, length);
                foreach (var section in sections)
                    result.Add(new NetConSpec(pair.Source, target, section, c.Receptor, weight, delay, c.Threshold, ci));
            }
        }
    }

    /// <summary>docs/dev/network.md §6, evaluated in HNN-core's order: r = √(dx²+dy²), f = exp(−(r·r)/(L·L)).</summary>
    internal static (double Weight, double Delay) WeightAndDelay(double weightTimesGain, double baseDelay, Position source, Position target, double length)
    {
        var dx = target.X - source.X;
        var dy = target.Y - source.Y;
        var r = Math.Sqrt(dx * dx + dy * dy);
        var f = Math.Exp(-(r * r) / (length * length));
        return (weightTimesGain * f, baseDelay / f);
    }

    /// <summary>HNN-core's NetCon group name, e.g. L2Pyr_L5Pyr_ampa or evdist1_L2Basket_nmda.</summary>
    public static string GroupName(string sourceType, string targetType, string receptor) =>
        $"{ShortName(sourceType)}_{ShortName(targetType)}_{receptor}";

    private static string ShortName(string type) => type switch
    {
        CellTemplates.L2Basket => "L2Basket",
        CellTemplates.L2Pyramidal => "L2Pyr",
        CellTemplates.L5Basket => "L5Basket",
        CellTemplates.L5Pyramidal => "L5Pyr",
        _ => type,
    };
}
