using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// A worker node (`hnn node`) against a program of its own on loopback that is not a cluster member
/// (docs/dev/cluster-security.md): messages of types outside the allow-list never reach an actor while an
/// allowed one sent after them on the same connection does; actor selections outside the trusted paths are
/// dropped; it cannot deploy an actor onto the worker, and the worker's node host creates no shard for it.
/// </summary>
public sealed class WireAllowListTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IHost _worker = null!;
    private ActorSystem _outsider = null!;
    private readonly ConcurrentQueue<object> _received = new();
    private IActorRef _collector = null!;
    private Address _address = null!;

    public async Task InitializeAsync()
    {
        _worker = ClusterNodeHost.Build(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole));
        await _worker.StartAsync();
        var system = ClusterNodeHost.ActorSystemOf(_worker);
        _collector = system.ActorOf(Props.Create(() => new Collector(_received)), "collector");
        _address = Akka.Cluster.Cluster.Get(system).SelfAddress;
        // An ordinary Akka.NET program: remoting on loopback, Hyperion for everything, no type filter.
        _outsider = ActorSystem.Create("outsider", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.actor.serializers.hyperion = "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"
            akka.actor.serialization-bindings { "System.Object" = hyperion }
            akka.loglevel = ERROR
            """));
    }

    public async Task DisposeAsync()
    {
        await _outsider.Terminate();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _worker.StopAsync(limit.Token);
        _worker.Dispose();
    }

    // The collector as the outsider sees it when it knows the actor's full path and uid (no selection involved).
    private IActorRef RemoteCollector() =>
        ((ExtendedActorSystem)_outsider).Provider.ResolveActorRef($"{_address}/user/collector#{_collector.Path.Uid}");

    [Fact]
    public async Task TypesOutsideTheListAreRefusedAndAllowedOnesStillArrive()
    {
        var collector = RemoteCollector();
        object[] forbidden =
        [
            new Version(1, 2, 3), new Uri("http://example.org/"), new List<Version> { new(1, 0) },
            new Dictionary<string, Uri> { ["a"] = new("http://example.org/") }, new Status.Failure(new InvalidOperationException("boom")),
            new System.IO.DirectoryInfo("/tmp"),
        ];
        foreach (var m in forbidden) collector.Tell(m);
        var allowed = new SpikeBatch([1, 2], [0.5, 1.5]);
        collector.Tell(allowed);
        var batch = await Arrival<SpikeBatch>(TimeSpan.FromSeconds(20));
        output.WriteLine($"received: {string.Join(", ", _received.Select(r => r.GetType().FullName))}");
        Assert.NotNull(batch);
        Assert.Equal(allowed.Gids, batch.Gids);
        Assert.Equal(allowed.Times, batch.Times);
        foreach (var m in forbidden)
            Assert.DoesNotContain(_received, r => r.GetType() == m.GetType());
    }

    [Fact]
    public async Task SelectionsOutsideTheTrustedPathsAreDropped()
    {
        _outsider.ActorSelection($"{_address}/user/collector").Tell("by selection");
        RemoteCollector().Tell("by reference");
        Assert.Equal("by reference", await Arrival<string>(TimeSpan.FromSeconds(20)));
        await Task.Delay(500);
        Assert.DoesNotContain(_received, r => r is "by selection");
    }

    [Fact]
    public async Task ANonMemberCanNeitherDeployOntoTheWorkerNorHaveItsHostBuildAShard()
    {
        // Remote deployment, as the issue's outside program did it.
        var deployed = _outsider.ActorOf(Props.Create<PopulationActor>().WithDeploy(Deploy.None.WithScope(new RemoteScope(_address))), "intruder");
        var identity = await deployed.Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(10));
        output.WriteLine($"remote deployment: {identity.Subject?.ToString() ?? "no actor"}");
        Assert.Null(identity.Subject);
        // The node host (a trusted path) refuses a shard for a non-member.
        var net = Jones2009.Create(new MeshShape(1, 1));
        var probe = _outsider.ActorOf(Props.Create(() => new Collector(_received)), "probe");
        _outsider.ActorSelection($"{_address}/user/{Hnn.Actors.Cluster.NodeHostActor.Name}")
            .Tell(new HostShard(new BuildShard(net, ShardLayout.Split(net, 1)[0], TimeGrid.Create(1.0, 0.025))), probe);
        Assert.Null(await Arrival<ShardReady>(TimeSpan.FromSeconds(3)));
    }

    private async Task<T?> Arrival<T>(TimeSpan limit) where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_received.OfType<T>().FirstOrDefault() is { } found) return found;
            await Task.Delay(50);
        }
        return null;
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<object> received) => ReceiveAny(received.Enqueue);
    }
}
