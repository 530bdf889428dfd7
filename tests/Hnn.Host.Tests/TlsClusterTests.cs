using System.Diagnostics;
using Akka.Actor;
using Cluster = Akka.Cluster.Cluster;
using Hnn.Actors.Engine;
using Hnn.Actors.Tests;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// A coordinator and two workers with TLS (certificates from a CA made in the test) on loopback,
/// as `hnn node --tls-cert … --tls-ca …` starts them: a run gives the local result; nodes that
/// are not the cluster's — a certificate from another CA on a node that accepts anything, plain
/// TCP — never become members, while a node with the right certificate joins in the same window.
/// </summary>
public sealed class TlsClusterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);
    /// <summary>How long the intruders are watched: a good node joins in 1–3 s.</summary>
    private static readonly TimeSpan IntruderWindow = TimeSpan.FromSeconds(8);

    private readonly TestCertificates _lab = new();
    private readonly List<IHost> _hosts = [];

    private ClusterNodeOptions Node(string role, string name, IReadOnlyList<string>? seeds = null) =>
        new(role, Seeds: seeds) { Tls = new ClusterTls(_lab.Node(name), _lab.CaPath) { Password = TestCertificates.Password } };

    private async Task<ActorSystem> StartAsync(ClusterNodeOptions node, CapturingLoggerProvider? log = null)
    {
        var builder = ClusterNodeHost.CreateBuilder(node);
        if (log is not null) builder.Logging.AddProvider(log);
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return ClusterNodeHost.ActorSystemOf(host);
    }

    public void Dispose()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            using (var stopLimit = new CancellationTokenSource(StopLimit))
                host.StopAsync(stopLimit.Token).Wait();
            host.Dispose();
        }
        _lab.Dispose();
    }

    [Fact]
    public async Task ThreeNodesWithTlsGiveTheLocalResult()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(3, 3)));
        const double tstop = 60.0;
        var coordinator = await StartAsync(Node(ClusterNodeOptions.CoordinatorRole, "coordinator"));
        var seed = Cluster.Get(coordinator).SelfAddress;
        Assert.Equal("akka.ssl.tcp", seed.Protocol);
        Assert.True(coordinator.Settings.Config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        var ssl = coordinator.Settings.Setup.Get<Akka.Remote.Transport.DotNetty.DotNettySslSetup>().Value;
        Assert.True(ssl.RequireMutualAuthentication);
        Assert.False(ssl.SuppressValidation);
        Assert.NotNull(ssl.CustomValidator);
        Assert.True(ssl.Certificate.HasPrivateKey);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2; i++)
            await StartAsync(Node(ClusterNodeOptions.WorkerRole, $"worker{i}", [seed.ToString()]));
        var workers = await ClusterNodeHost.WaitForWorkersAsync(coordinator, 2, TimeSpan.FromSeconds(30));
        output.WriteLine($"2 TLS workers up after {clock.Elapsed.TotalSeconds:F1} s: {string.Join(", ", workers)}");
        var local = new NetworkTrial(net, tstop, 0.025, 0, ShardLayout.Split(net, 2)).Run();
        await using var sim = new Simulator(coordinator, new SimulatorOptions(ShardsPerType: 2, Workers: workers));
        var result = await sim.SimulateDipoleAsync(net, tstop);
        output.WriteLine($"TLS cluster: {result.Trials[0].SpikeTimes.Length} spikes; simulate {result.Timings[0].Simulate.TotalMilliseconds:F0} ms");
        SameResult.Assert(local, result.Trials[0], output, "2 TLS workers");
    }

    [Fact]
    public async Task OneCertificateSharedByAllNodesNeedsNoCa()
    {
        var shared = new ClusterTls(_lab.Node("cluster"), CaPath: null) { Password = TestCertificates.Password };
        var coordinator = await StartAsync(new ClusterNodeOptions(ClusterNodeOptions.CoordinatorRole) { Tls = shared });
        var seed = Cluster.Get(coordinator).SelfAddress.ToString();
        var worker = await StartAsync(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, Seeds: [seed]) { Tls = shared });
        Assert.Equal([Cluster.Get(worker).SelfAddress], await ClusterNodeHost.WaitForWorkersAsync(coordinator, 1, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task NodesWithoutTheClustersCertificateNeverJoin()
    {
        var log = new CapturingLoggerProvider();
        var coordinator = await StartAsync(Node(ClusterNodeOptions.CoordinatorRole, "coordinator"), log);
        var cluster = Cluster.Get(coordinator);
        var seed = cluster.SelfAddress;
        var clock = Stopwatch.StartNew();

        // An intruder with a certificate from another CA that accepts any peer (Akka's own
        // suppress-validation): only the coordinator's check of the client certificate stands in its way.
        using var rogueLab = new TestCertificates("rogue CA");
        var rogue = ActorSystem.Create(ClusterNodeOptions.SystemName, Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp {
              hostname = 127.0.0.1
              port = 0
              enable-ssl = true
              ssl {
                suppress-validation = true
                certificate { path = "{{rogueLab.Node("rogue").Replace("\\", "/")}}", password = "{{TestCertificates.Password}}" }
              }
            }
            akka.cluster.seed-nodes = ["{{seed}}"]
            """));
        // A node without TLS pointed at the coordinator's port.
        var plain = await StartAsync(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole,
            Seeds: [new Address("akka.tcp", seed.System, seed.Host, seed.Port).ToString()]));
        // And, in the same window, a worker with the cluster's certificate: it joins.
        var good = await StartAsync(Node(ClusterNodeOptions.WorkerRole, "worker", [seed.ToString()]));
        try
        {
            var joined = await ClusterNodeHost.WaitForWorkersAsync(coordinator, 1, TimeSpan.FromSeconds(30));
            var goodAfter = clock.Elapsed;
            Assert.Equal([Cluster.Get(good).SelfAddress], joined);
            var intruders = new[] { Cluster.Get(rogue).SelfAddress, Cluster.Get(plain).SelfAddress };
            while (clock.Elapsed < IntruderWindow)
            {
                var members = cluster.State.Members.Select(m => m.Address).Concat(cluster.State.Unreachable.Select(m => m.Address)).ToHashSet();
                Assert.DoesNotContain(members, intruders.Contains);
                await Task.Delay(100);
            }
            Assert.Equal(2, cluster.State.Members.Count);   // the coordinator and the good worker
            foreach (var system in new[] { rogue, plain })
                Assert.DoesNotContain(Cluster.Get(system).State.Members, m => m.Address == seed);   // nor did they get the cluster's membership
            var refused = await log.WaitForAsync("is not signed by this cluster's CA", TimeSpan.FromSeconds(5));
            output.WriteLine($"good worker up after {goodAfter.TotalSeconds:F1} s; the other-CA node and the plain-TCP node not members after {clock.Elapsed.TotalSeconds:F1} s");
            output.WriteLine($"coordinator's log: {refused?.Message}");
            Assert.NotNull(refused);
        }
        finally
        {
            await rogue.Terminate().WaitAsync(StopLimit);
        }
    }
}
