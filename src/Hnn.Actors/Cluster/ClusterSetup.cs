using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Serialization.Hyperion;
using Hnn.Actors.Engine;

namespace Hnn.Actors.Cluster;

/// <summary>How one node joins the HNN cluster: its address, role and the seed nodes.</summary>
/// <param name="Role">"worker" hosts shards; "coordinator" runs trials.</param>
/// <param name="Host">Hostname to bind and advertise.</param>
/// <param name="Port">TCP port; 0 picks a free one.</param>
/// <param name="Seeds">Seed node addresses (akka.tcp://hnn@host:port); empty: this node is the first.</param>
public sealed record ClusterNodeOptions(string Role, string Host = "127.0.0.1", int Port = 0, IReadOnlyList<string>? Seeds = null)
{
    public const string SystemName = "hnn";
    public const string WorkerRole = "worker";
    public const string CoordinatorRole = "coordinator";
}

/// <summary>Builds and starts cluster nodes: hocon/cluster.conf over hocon/local.conf, Hyperion with the allow-list.</summary>
public static class ClusterSetup
{
    public static string ClusterHocon()
    {
        using var stream = typeof(ClusterSetup).Assembly.GetManifestResourceStream("Hnn.Actors.hocon.cluster.conf")
            ?? throw new InvalidOperationException("embedded hocon/cluster.conf is missing from Hnn.Actors");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Config Config(ClusterNodeOptions node)
    {
        if (node.Role is not (ClusterNodeOptions.WorkerRole or ClusterNodeOptions.CoordinatorRole))
            throw new ArgumentException($"role '{node.Role}' is unknown; allowed: worker, coordinator", nameof(node));
        if (node.Port is < 0 or > 65535) throw new ArgumentException($"port {node.Port} is out of range; allowed: 0 (any) … 65535", nameof(node));
        foreach (var seed in node.Seeds ?? [])
            if (!Address.TryParse(seed, out var a) || a.System != ClusterNodeOptions.SystemName)
                throw new ArgumentException($"seed '{seed}' is not an address akka.tcp://{ClusterNodeOptions.SystemName}@HOST:PORT", nameof(node));
        var seeds = string.Join(", ", (node.Seeds ?? []).Select(s => $"\"{s}\""));
        var overrides = $"""
            akka.remote.dot-netty.tcp.hostname = "{node.Host}"
            akka.remote.dot-netty.tcp.port = {node.Port}
            akka.cluster.roles = [{node.Role}]
            akka.cluster.seed-nodes = [{seeds}]
            """;
        return ConfigurationFactory.ParseString(overrides)
            .WithFallback(ConfigurationFactory.ParseString(ClusterHocon()))
            .WithFallback(EngineConfig.Local());
    }

    /// <summary>The actor system setup of a node: its config and Hyperion restricted to <see cref="HnnTypeFilter"/>.</summary>
    public static ActorSystemSetup Setup(ClusterNodeOptions node) =>
        BootstrapSetup.Create().WithConfig(Config(node))
            .And(HyperionSerializerSetup.Empty.WithTypeFilter(HnnTypeFilter.Instance));

    /// <summary>Starts a node; with no seeds it joins itself (it is the first node of the cluster).</summary>
    public static ActorSystem Start(ClusterNodeOptions node)
    {
        var system = ActorSystem.Create(ClusterNodeOptions.SystemName, Setup(node));
        if (node.Seeds is not { Count: > 0 })
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
        }
        return system;
    }

    /// <summary>Waits until at least <paramref name="count"/> workers are Up; returns their addresses.</summary>
    public static async Task<IReadOnlyList<Address>> WaitForWorkersAsync(ActorSystem system, int count, TimeSpan timeout, CancellationToken cancel = default)
    {
        if (count < 1) throw new ArgumentException($"the number of workers must be ≥ 1, got {count}", nameof(count));
        var cluster = Akka.Cluster.Cluster.Get(system);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var workers = cluster.State.Members
                .Where(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(ClusterNodeOptions.WorkerRole))
                .Select(m => m.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToArray();
            if (workers.Length >= count) return workers;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"only {workers.Length} of {count} workers joined the cluster within {timeout.TotalSeconds:0} s");
            await Task.Delay(200, cancel).ConfigureAwait(false);
        }
    }
}
