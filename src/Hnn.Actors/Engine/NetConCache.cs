using System.Runtime.CompilerServices;
using Hnn.Biophysics.Network;

namespace Hnn.Actors.Engine;

/// <summary>
/// Resolves a network's NetCons once per process: every shard on a node reads the same
/// immutable list instead of expanding all connections again (a node elsewhere resolves its own).
/// </summary>
internal static class NetConCache
{
    private static readonly ConditionalWeakTable<NetworkSpec, Lazy<IReadOnlyList<NetConSpec>>> Cache = new();

    public static IReadOnlyList<NetConSpec> For(NetworkSpec net) =>
        Cache.GetValue(net, n => new Lazy<IReadOnlyList<NetConSpec>>(() => NetConResolver.Resolve(n))).Value;
}
