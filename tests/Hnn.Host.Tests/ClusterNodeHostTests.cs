using Akka.Actor;
using Akka.Event;
using Hnn.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Hnn.Host.Tests;

/// <summary>
/// The node host `hnn node` and `hnn simulate --cluster` start: its typed options and
/// hocon/cluster.conf give the configuration the cluster has always run with, Akka's log reaches
/// the host's logging, and bad options are refused with a message naming the value.
/// </summary>
public sealed class ClusterNodeHostTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task NodeRunsWithTheClusterConfiguration()
    {
        using var host = ClusterNodeHost.Build(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, Seeds: ["akka.tcp://hnn@127.0.0.1:1"]));
        await host.StartAsync();
        try
        {
            var system = ClusterNodeHost.ActorSystemOf(host);
            var c = system.Settings.Config;
            Assert.Equal(ClusterNodeOptions.SystemName, system.Name);
            Assert.IsType<Akka.Cluster.ClusterActorRefProvider>(((ExtendedActorSystem)system).Provider);
            // Typed options.
            Assert.Equal("127.0.0.1", c.GetString("akka.remote.dot-netty.tcp.hostname"));
            Assert.Equal(["worker"], c.GetStringList("akka.cluster.roles"));
            Assert.Equal(["akka.tcp://hnn@127.0.0.1:1"], c.GetStringList("akka.cluster.seed-nodes"));
            Assert.Equal(64L * 1024 * 1024, c.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
            Assert.Equal(64L * 1024 * 1024, c.GetByteSize("akka.remote.dot-netty.tcp.send-buffer-size"));
            Assert.Equal(64L * 1024 * 1024, c.GetByteSize("akka.remote.dot-netty.tcp.receive-buffer-size"));
            Assert.Equal(TimeSpan.FromSeconds(1), c.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
            Assert.Equal(TimeSpan.FromSeconds(3), c.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
            Assert.StartsWith("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", c.GetString("akka.cluster.downing-provider-class"));
            Assert.Equal("keep-majority", c.GetString("akka.cluster.split-brain-resolver.active-strategy"));
            Assert.False(c.GetBoolean("akka.cluster.log-info"));
            // hocon/cluster.conf.
            Assert.Equal(TimeSpan.FromSeconds(5), c.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
            Assert.False(c.GetBoolean("akka.remote.dot-netty.tcp.batching.enabled"));
            Assert.False(c.GetBoolean("akka.remote.log-remote-lifecycle-events"));
            Assert.Equal("hyperion", c.GetString("akka.actor.serialization-bindings.\"System.Object\""));
            Assert.IsType<Hnn.Actors.Cluster.HnnHyperionSerializer>(system.Serialization.FindSerializerForType(typeof(Hnn.Actors.Engine.SimulatorOptions)));
            Assert.IsType<Hnn.Actors.Cluster.HnnMiscMessageSerializer>(system.Serialization.FindSerializerForType(typeof(Status.Failure)));
            // hocon/local.conf under both.
            Assert.Equal(Environment.ProcessorCount, c.GetInt("akka.actor.hnn-compute-dispatcher.dedicated-thread-pool.thread-count"));
            Assert.Equal(Akka.Event.LogLevel.WarningLevel, Akka.Event.Logging.LogLevelFor(system.Settings.LogLevel));
        }
        finally
        {
            using var stopLimit = new CancellationTokenSource(StopLimit);
            await host.StopAsync(stopLimit.Token);
        }
    }

    [Fact]
    public async Task AkkaLogEventsReachTheLoggerProviderOfTheHostFromWarningUp()
    {
        var provider = new CapturingLoggerProvider();
        var builder = ClusterNodeHost.CreateBuilder(new ClusterNodeOptions(ClusterNodeOptions.CoordinatorRole));
        builder.Logging.AddProvider(provider);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var probe = await provider.ProbeAkkaLogAsync(system);
            // Below the node's level (warning), Akka does not even publish the event.
            Assert.DoesNotContain(provider.Entries, e => e.Message.Contains($"info {probe}", StringComparison.Ordinal));
        }
        finally
        {
            using var stopLimit = new CancellationTokenSource(StopLimit);
            await host.StopAsync(stopLimit.Token);
        }
    }

    [Theory]
    [InlineData("boss", 0, "akka.tcp://hnn@127.0.0.1:4053", "role 'boss' is unknown; allowed: worker, coordinator")]
    [InlineData("worker", 70000, "akka.tcp://hnn@127.0.0.1:4053", "port 70000 is out of range; allowed: 0 (any) … 65535")]
    [InlineData("worker", -1, "akka.tcp://hnn@127.0.0.1:4053", "port -1 is out of range; allowed: 0 (any) … 65535")]
    [InlineData("worker", 0, "localhost:4053", "seed 'localhost:4053' is not an address akka.tcp://hnn@HOST:PORT")]
    [InlineData("worker", 0, "akka.tcp://other@127.0.0.1:4053", "seed 'akka.tcp://other@127.0.0.1:4053' is not an address akka.tcp://hnn@HOST:PORT")]
    public void BadNodeOptionsAreRefusedBeforeAnythingStarts(string role, int port, string seed, string message)
    {
        var node = new ClusterNodeOptions(role, Port: port, Seeds: [seed]);
        var e = Assert.Throws<ArgumentException>(() => ClusterNodeHost.Build(node));
        Assert.Equal("node", e.ParamName);
        Assert.StartsWith(message, e.Message);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHnnClusterNode(node));
    }

    [Fact]
    public void ALogLevelOfNoneIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddHnnClusterNode(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole) { LogLevel = LogLevel.None }));
        Assert.Contains("LogLevel None is not a level to log at; allowed: Trace, Debug, Information, Warning, Error, Critical", e.Message);
    }
}
