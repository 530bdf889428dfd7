using Akka.Hosting;
using Hnn.Actors.Engine;
using Microsoft.Extensions.Logging;

namespace Hnn.Host.Hosting;

/// <summary>What <see cref="HnnServiceCollectionExtensions.AddHnnSimulator"/> sets up.</summary>
public sealed class HnnSimulatorSettings
{
    /// <summary>Name of the actor system Akka.Hosting starts (it appears in actor paths and logs).</summary>
    public string ActorSystemName { get; set; } = "hnn";

    /// <summary>How the simulator spreads work; change with <c>with</c>, e.g. <c>s.Simulator = s.Simulator with { MaxConcurrentTrials = 4 }</c>.</summary>
    public SimulatorOptions Simulator { get; set; } = new();

    /// <summary>Threads of the compute dispatcher that integrates cells; null = one per core (hocon/local.conf).</summary>
    public int? ComputeThreads { get; set; }

    /// <summary>
    /// Lowest level of Akka's events (published and written to the host's <c>ILoggerFactory</c>,
    /// category <c>Akka.Actor.ActorSystem</c>; the host's own filters apply on top). Default: warning.
    /// </summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Further Akka setup by the application (its own actors, HOCON, loggers), run after the engine's.</summary>
    public Action<AkkaConfigurationBuilder, IServiceProvider>? ConfigureAkka { get; set; }
}
