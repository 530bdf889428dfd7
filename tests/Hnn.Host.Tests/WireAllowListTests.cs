using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Hnn.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// The Hyperion allow-list in force over the wire: a program of its own on loopback, not a cluster member,
/// sends a worker node (`hnn node`) messages of types outside the list; none of them reaches any actor, while
/// a message of an allowed type sent after them on the same connection does.
/// </summary>
public sealed class WireAllowListTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IHost _worker = null!;
    private ActorSystem _outsider = null!;
    private readonly ConcurrentQueue<object> _received = new();

    public async Task InitializeAsync()
    {
        _worker = ClusterNodeHost.Build(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole));
        await _worker.StartAsync();
        ClusterNodeHost.ActorSystemOf(_worker).ActorOf(Props.Create(() => new Collector(_received)), "collector");
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

    [Fact]
    public async Task TypesOutsideTheListAreRefusedAndAllowedOnesStillArrive()
    {
        var address = Akka.Cluster.Cluster.Get(ClusterNodeHost.ActorSystemOf(_worker)).SelfAddress;
        var collector = _outsider.ActorSelection($"{address}/user/collector");
        object[] forbidden =
        [
            new Version(1, 2, 3), new Uri("http://example.org/"), new List<Version> { new(1, 0) },
            new Dictionary<string, Uri> { ["a"] = new("http://example.org/") }, new Status.Failure(new InvalidOperationException("boom")),
            new System.IO.DirectoryInfo("/tmp"),
        ];
        foreach (var m in forbidden) collector.Tell(m);
        var allowed = new Hnn.Biophysics.Simulation.SpikeBatch([1, 2], [0.5, 1.5]);
        collector.Tell(allowed);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!_received.Any(r => r is Hnn.Biophysics.Simulation.SpikeBatch) && DateTime.UtcNow < deadline) await Task.Delay(50);
        output.WriteLine($"received: {string.Join(", ", _received.Select(r => r.GetType().FullName))}");
        var batch = Assert.Single(_received.OfType<Hnn.Biophysics.Simulation.SpikeBatch>());
        Assert.Equal(allowed.Gids, batch.Gids);
        Assert.Equal(allowed.Times, batch.Times);
        foreach (var m in forbidden)
            Assert.DoesNotContain(_received, r => r.GetType() == m.GetType());
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<object> received) => ReceiveAny(received.Enqueue);
    }
}
