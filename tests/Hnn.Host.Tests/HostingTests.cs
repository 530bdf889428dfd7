using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Xunit.Abstractions;
// `Host` alone would be this project's namespace Hnn.Host.
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace Hnn.Host.Tests;

/// <summary>
/// Embedding: a generic host with <c>AddHnnSimulator()</c> starts the actor system, injects a
/// working <see cref="ISimulator"/>, and stops cleanly.
/// </summary>
public sealed class HostingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    private static IHost BuildHost(Action<HnnSimulatorSettings>? configure = null, ILoggerProvider? logs = null)
    {
        var builder = GenericHost.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);   // keep the host's start/stop lines out of the test log
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.AddHnnSimulator(configure);
        return builder.Build();
    }

    [Fact]
    public async Task HostRunsASimulationThroughTheInjectedSimulatorAndStopsCleanly()
    {
        using var host = BuildHost();
        await host.StartAsync();

        var simulator = host.Services.GetRequiredService<ISimulator>();
        Assert.Same(simulator, host.Services.GetRequiredService<ISimulator>());
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await simulator.SimulateDipoleAsync(net, tstop: 30, cancellationToken: cancel.Token);

        // 30 ms at dt 0.025 → 1200 steps + the sample at 0 ms.
        var dipole = Assert.Single(result.Dipoles);
        Assert.Equal(1201, dipole.Times.Length);
        Assert.Equal(1201, dipole["agg"].Length);
        Assert.NotEmpty(result.CellResponse.SpikeTimes[0]);

        var system = host.Services.GetRequiredService<ActorSystem>();
        var clock = Stopwatch.StartNew();
        using (var stopLimit = new CancellationTokenSource(StopLimit))
            await host.StopAsync(stopLimit.Token);
        // StopAsync returns once Akka.Hosting has run coordinated shutdown: the system is gone.
        await system.WhenTerminated.WaitAsync(StopLimit);
        output.WriteLine($"host stopped in {clock.Elapsed.TotalMilliseconds:F0} ms (limit {StopLimit.TotalSeconds} s)");
        Assert.True(clock.Elapsed < StopLimit, $"host took {clock.Elapsed.TotalSeconds:F1} s to stop");
    }

    [Fact]
    public async Task TheInjectedSimulatorRunsASweepFileAsABatch()
    {
        using var host = BuildHost(s => s.Simulator = s.Simulator with { JobsPerNode = 2 });
        await host.StartAsync();
        var simulator = host.Services.GetRequiredService<ISimulator>();
        var experiment = """
            {"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 30,
             "drives": [{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "proximal",
                         "weights_ampa": {"L5_pyramidal": 0.5, "L2_pyramidal": 0.5}, "event_seed": 1}]}
            """;
        var sweep = Hnn.Biophysics.Batch.Sweep.Parse($$"""
            {"experiment": {{experiment}}, "parameters": [{"path": "drives.ev.mu", "values": [5, 15]}], "summaries": ["spike_counts"]}
            """, Path.GetTempPath());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var jobs = new List<Hnn.Actors.Batch.BatchJobResult>();
        await foreach (var job in simulator.RunBatchAsync(sweep, cancellationToken: cancel.Token)) jobs.Add(job);

        Assert.Equal([0, 1], jobs.Select(j => j.Id).Order());
        foreach (var job in jobs.OrderBy(j => j.Id))
        {
            Assert.True(job.Status == Hnn.Actors.Batch.BatchJobStatus.Done, job.Error);
            var total = job.Summaries.Single(s => s.Key == "spikes_total").Value;
            var cells = job.Result!.Trials[0].SpikeTypes.Count(t => t != "ev");
            output.WriteLine($"job {job.Id} (mu {job.Parameters[0].Value}): spikes_total {total}, {cells} cell spikes in the result");
            Assert.Equal(cells, total);
        }
        using var stopLimit = new CancellationTokenSource(StopLimit);
        await host.StopAsync(stopLimit.Token);
    }

    [Fact]
    public async Task HostLoadsTheEngineHoconAndTheGivenOptions()
    {
        using var host = BuildHost(s =>
        {
            s.ActorSystemName = "hnn-embedded";
            s.ComputeThreads = 3;
            s.Simulator = s.Simulator with { MaxConcurrentTrials = 2 };
        });
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.Equal("hnn-embedded", system.Name);
            // hocon/local.conf's compute dispatcher, sized as asked.
            Assert.Equal(Akka.Event.LogLevel.WarningLevel, Akka.Event.Logging.LogLevelFor(system.Settings.LogLevel));
            Assert.Equal(3, system.Settings.Config.GetInt("akka.actor.hnn-compute-dispatcher.dedicated-thread-pool.thread-count"));
            var simulator = Assert.IsType<Simulator>(host.Services.GetRequiredService<ISimulator>());
            Assert.Equal(2, simulator.Options.MaxConcurrentTrials);
        }
        finally
        {
            using var stopLimit = new CancellationTokenSource(StopLimit);
            await host.StopAsync(stopLimit.Token);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(LogLevel.Information)]
    public async Task AkkaLogEventsReachTheLoggerProviderOfTheHostFromTheSettingsLevelUp(LogLevel? level)
    {
        var logs = new CapturingLoggerProvider();
        using var host = BuildHost(s => s.LogLevel = level ?? s.LogLevel, logs);
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var probe = await logs.ProbeAkkaLogAsync(system);
            // The default (warning) keeps Akka's info events from being published at all; the
            // host's own filter (warning here) still drops an info event Akka does publish.
            Assert.Equal(level is null ? Akka.Event.LogLevel.WarningLevel : Akka.Event.LogLevel.InfoLevel,
                Akka.Event.Logging.LogLevelFor(system.Settings.LogLevel));
            Assert.DoesNotContain(logs.Entries, e => e.Message.Contains($"info {probe}", StringComparison.Ordinal));
        }
        finally
        {
            using var stopLimit = new CancellationTokenSource(StopLimit);
            await host.StopAsync(stopLimit.Token);
        }
    }

    [Theory]
    [InlineData("LogLevel", "LogLevel None is not a level to log at")]
    [InlineData("ComputeThreads", "ComputeThreads must be ≥ 1")]
    [InlineData("MaxConcurrentTrials", "MaxConcurrentTrials must be ≥ 1")]
    [InlineData("ActorSystemName", "ActorSystemName must be a non-empty")]
    public void BadSettingsAreRefusedWhenAdded(string setting, string message)
    {
        var services = new ServiceCollection();
        var e = Assert.Throws<ArgumentException>(() => services.AddHnnSimulator(s =>
        {
            switch (setting)
            {
                case "ComputeThreads": s.ComputeThreads = 0; break;
                case "MaxConcurrentTrials": s.Simulator = new SimulatorOptions(MaxConcurrentTrials: 0); break;
                case "LogLevel": s.LogLevel = LogLevel.None; break;
                default: s.ActorSystemName = " "; break;
            }
        }));
        Assert.Equal("settings", e.ParamName);
        Assert.Contains(message, e.Message);
    }
}
