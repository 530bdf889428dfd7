using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Network;

/// <summary>
/// Expands a <see cref="NetworkSpec"/> into the flat list of NetCons (docs/dev/network.md §6): every kept
/// (source, target) pair of every connection, once per section of the connection's location, with
/// weight = (A_weight·gain)·f and delay = A_delay / f, f = exp(−r²/L²), r the lateral distance and
/// L = lamtha × in-plane distance. Drive cells sit at the origin.
/// </summary>
internal static class NetConResolver
{
    public static IReadOnlyList<NetConSpec> Resolve(NetworkSpec net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var positions = new Position[net.TotalGids];
        for (var gid = 0; gid < positions.Length; gid++) positions[gid] = net.PositionOf(gid);
        var result = new List<NetConSpec>();
        for (var ci = 0; ci < net.Connections.Count; ci++)
            AppendConnection(net, ci, positions, result);
        return result;
    }

    /// <summary>NetCons of one connection entry, in pair order then section order.</summary>
    public static IReadOnlyList<NetConSpec> Resolve(NetworkSpec net, int connectionIndex)
    {
        var positions = new Position[net.TotalGids];
        for (var gid = 0; gid < positions.Length; gid++) positions[gid] = net.PositionOf(gid);
        var result = new List<NetConSpec>();
        AppendConnection(net, connectionIndex, positions, result);
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
