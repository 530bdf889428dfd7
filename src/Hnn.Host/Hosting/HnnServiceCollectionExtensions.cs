using Akka.Actor;
using Akka.Hosting;
using Hnn.Actors.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Hnn.Host.Hosting;

/// <summary>
/// Embeds the simulator in any Microsoft.Extensions.Hosting application: Akka.Hosting starts and
/// stops the actor system with the host, and <see cref="ISimulator"/> is injected where needed.
/// </summary>
public static class HnnServiceCollectionExtensions
{
    /// <summary>
    /// Adds an actor system configured with the engine's HOCON (hocon/local.conf), its log written
    /// to the host's <c>ILoggerFactory</c>, and a singleton <see cref="ISimulator"/> running on it.
    /// Resolve the simulator after the host has started.
    /// </summary>
    public static IServiceCollection AddHnnSimulator(this IServiceCollection services, Action<HnnSimulatorSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = new HnnSimulatorSettings();
        configure?.Invoke(settings);
        Validate(settings);

        services.AddAkka(settings.ActorSystemName, (builder, provider) =>
        {
            builder.WithHnnEngine(settings.ComputeThreads);
            builder.WithHnnLogging(settings.LogLevel);
            settings.ConfigureAkka?.Invoke(builder, provider);
        });
        // The simulator does not own the actor system: Akka.Hosting terminates it when the host stops.
        services.AddSingleton<ISimulator>(provider => new Simulator(provider.GetRequiredService<ActorSystem>(), settings.Simulator));
        return services;
    }

    /// <summary>As <see cref="AddHnnSimulator(IServiceCollection, Action{HnnSimulatorSettings}?)"/> with the given simulator options.</summary>
    public static IServiceCollection AddHnnSimulator(this IServiceCollection services, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddHnnSimulator(settings => settings.Simulator = options);
    }

    /// <summary>
    /// Adds the actor system of a cluster node (<see cref="ClusterNodeOptions"/>: role, address,
    /// seeds): remoting and clustering through Akka.Hosting's typed options, hocon/cluster.conf and
    /// hocon/local.conf, Hyperion restricted to <see cref="Hnn.Actors.Cluster.HnnTypeFilter"/>, and Akka's
    /// log written to the host's <c>ILoggerFactory</c>. A node without seeds joins itself (it starts
    /// the cluster). Bad options throw an <see cref="ArgumentException"/> naming the value.
    /// </summary>
    public static IServiceCollection AddHnnClusterNode(this IServiceCollection services, ClusterNodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(node);
        node.Validate();
        return services.AddAkka(ClusterNodeOptions.SystemName, akka => akka.WithHnnClusterNode(node));
    }

    private static void Validate(HnnSimulatorSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.ActorSystemName))
            throw new ArgumentException("ActorSystemName must be a non-empty actor system name, got an empty one", nameof(settings));
        if (settings.Simulator is null)
            throw new ArgumentException("Simulator must be a SimulatorOptions, got null", nameof(settings));
        if (settings.ComputeThreads is < 1)
            throw new ArgumentException($"ComputeThreads must be ≥ 1 or null (one per core), got {settings.ComputeThreads}", nameof(settings));
        HnnLogLevels.Validate(settings.LogLevel, nameof(settings), "LogLevel");
        if (settings.Simulator.MaxConcurrentTrials is < 1)
            throw new ArgumentException($"Simulator.MaxConcurrentTrials must be ≥ 1 or null (one per core), got {settings.Simulator.MaxConcurrentTrials}", nameof(settings));
        if (settings.Simulator.ShardsPerType is < 1)
            throw new ArgumentException($"Simulator.ShardsPerType must be ≥ 1 or null (one per core), got {settings.Simulator.ShardsPerType}", nameof(settings));
        if (settings.Simulator.EpochTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentException($"Simulator.EpochTimeout must be positive or null (2 min), got {timeout}", nameof(settings));
    }
}
