using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Hnn.Actors.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnn.Host.Hosting;

/// <summary>
/// A cluster node as a generic host — the one way a node is started (`hnn node`,
/// `hnn simulate --cluster`, the cluster tests): Akka.Hosting starts the actor system with the
/// node's remoting and clustering as typed options, hocon/cluster.conf for what they do not
/// cover, hocon/local.conf under both, Hyperion restricted to the allow-list, and Akka's log
/// in Microsoft.Extensions.Logging; stopping the host leaves the cluster gracefully.
/// </summary>
public static class ClusterNodeHost
{
    /// <summary>A host builder for the node: validates it, then adds it with <see cref="HnnServiceCollectionExtensions.AddHnnClusterNode"/>.</summary>
    internal static HostApplicationBuilder CreateBuilder(ClusterNodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(node.LogLevel);
        builder.Services.AddHnnClusterNode(node);
        return builder;
    }

    internal static IHost Build(ClusterNodeOptions node) => CreateBuilder(node).Build();

    internal static ActorSystem ActorSystemOf(IHost host) => host.Services.GetRequiredService<ActorSystem>();

    /// <summary>
    /// The node's Akka setup. Order matters: the HOCON files go in first as fallbacks, the typed
    /// options after them are prepended (they win), and the defaults Akka.Cluster.Hosting
    /// appends land below the files.
    /// </summary>
    internal static AkkaConfigurationBuilder WithHnnClusterNode(this AkkaConfigurationBuilder akka, ClusterNodeOptions node)
    {
        akka.AddHocon(ClusterHocon(), HoconAddMode.Append)
            .AddHocon(EngineConfig.Local(), HoconAddMode.Append)
            .WithRemoting(Remoting(node))
            .WithClustering(new ClusterOptions
            {
                Roles = [node.Role],
                SeedNodes = [.. node.Seeds ?? []],
                LogInfo = false,
                // Shards integrate on the compute dispatcher, so heartbeats keep flowing whatever the epochs
                // do: a node silent for 3 s is unreachable, and a coordinator moves its shards at once
                // (docs/dev/epoch-protocol.md §7: resumed within 5 s of a kill).
                FailureDetector = new PhiAccrualFailureDetectorOptions
                {
                    HeartbeatInterval = TimeSpan.FromSeconds(1),
                    AcceptableHeartbeatPause = TimeSpan.FromSeconds(3),
                },
                // Its stable-after (5 s) is not a typed option: hocon/cluster.conf.
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithHnnLogging(node.LogLevel)
            // The node host: the one actor that creates shards and batch workers here, for coordinators of the cluster.
            .WithActors((system, _) => system.ActorOf(Hnn.Actors.Cluster.NodeHostActor.Props(ClusterNodeOptions.CoordinatorRole), Hnn.Actors.Cluster.NodeHostActor.Name));
        if (node.Seeds is not { Count: > 0 })
            akka.WithActors((system, _) =>
            {
                // No seeds: this node is the first of the cluster, and joins itself.
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        return akka;
    }

    /// <summary>
    /// The node's remoting: its address, frame sizes, and with <see cref="ClusterNodeOptions.Tls"/>
    /// TLS on every connection, mutual authentication required (each side presents its
    /// certificate), peers checked by <see cref="ClusterTls.Loaded.Validator"/> only (the CA or
    /// the pinned certificate; no system trust store, no host name check).
    /// </summary>
    internal static RemoteOptions Remoting(ClusterNodeOptions node)
    {
        var remote = new RemoteOptions
        {
            HostName = node.Host,
            Port = node.Port,
            // A network description with every connection, or a checkpoint, can be a few MB.
            MaxFrameSize = FrameBytes,
            SendBufferSize = FrameBytes,
            ReceiveBufferSize = FrameBytes,
        };
        if (node.Tls is { } tls)
        {
            var loaded = tls.Load();
            remote.EnableSsl = true;
            remote.Ssl = new SslOptions
            {
                X509Certificate = loaded.Certificate,
                SuppressValidation = false,
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                CustomValidator = loaded.Validator(),
            };
        }
        return remote;
    }

    /// <summary>Waits until at least <paramref name="count"/> workers are Up; returns their addresses (for <see cref="SimulatorOptions.Workers"/>).</summary>
    public static async Task<IReadOnlyList<Address>> WaitForWorkersAsync(ActorSystem system, int count, TimeSpan timeout, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(system);
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

    private const long FrameBytes = 64L * 1024 * 1024;   // 64 MiB

    internal static string ClusterHocon()
    {
        using var stream = typeof(ClusterNodeHost).Assembly.GetManifestResourceStream("Hnn.Host.hocon.cluster.conf")
            ?? throw new InvalidOperationException("embedded hocon/cluster.conf is missing from hnn");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
