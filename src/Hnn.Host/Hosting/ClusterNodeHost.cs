using Akka.Actor;
using Akka.Hosting;
using Akka.Serialization.Hyperion;
using Hnn.Actors.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnn.Host.Hosting;

/// <summary>
/// A cluster node as a generic host: Akka.Hosting starts the actor system with
/// hocon/cluster.conf (over hocon/local.conf), Hyperion restricted to the allow-list, and the
/// node's address, role and seeds; stopping the host leaves the cluster gracefully.
/// </summary>
public static class ClusterNodeHost
{
    public static IHost Build(ClusterNodeOptions node)
    {
        var config = ClusterSetup.Config(node); // validates role, port and seeds
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(ClusterNodeOptions.SystemName, akka =>
        {
            akka.AddHocon(config, HoconAddMode.Prepend);
            akka.AddSetup(HyperionSerializerSetup.Empty.WithTypeFilter(HnnTypeFilter.Instance));
            if (node.Seeds is not { Count: > 0 })
                akka.WithActors((system, _) =>
                {
                    var cluster = Akka.Cluster.Cluster.Get(system);
                    cluster.Join(cluster.SelfAddress);
                });
        });
        return builder.Build();
    }

    public static ActorSystem ActorSystemOf(IHost host) => host.Services.GetRequiredService<ActorSystem>();
}
