using System.Runtime.CompilerServices;
using Hnn.Biophysics.Network;

namespace Hnn.Actors.Engine;

/// <summary>
/// Each connection's shortest NetCon delay (<see cref="NetConResolver.MinDelays"/>), computed once per
/// network and process: the epoch plan needs them before every trial. The NetCons themselves are never
/// listed: each shard builds its own route table from the connections (Simulation.ShardRoutes).
/// </summary>
internal static class NetConCache
{
    private static readonly ConditionalWeakTable<NetworkSpec, Lazy<double[]>> Cache = new();

    public static IReadOnlyList<double> MinDelays(NetworkSpec net) =>
        Cache.GetValue(net, n => new Lazy<double[]>(() => NetConResolver.MinDelays(n))).Value;
}
