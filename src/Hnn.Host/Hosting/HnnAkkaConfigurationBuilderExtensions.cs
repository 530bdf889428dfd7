using Akka.Hosting;
using Hnn.Actors.Engine;

namespace Hnn.Host.Hosting;

/// <summary>For applications that already call <c>AddAkka</c>: adds the engine's configuration to their actor system.</summary>
public static class HnnAkkaConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds hocon/local.conf with the compute dispatcher sized to <paramref name="computeThreads"/>
    /// (null = one per core) as a fallback, so the application's own HOCON wins where both set a key.
    /// </summary>
    public static AkkaConfigurationBuilder WithHnnEngine(this AkkaConfigurationBuilder builder, int? computeThreads = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(EngineConfig.Local(computeThreads), HoconAddMode.Append);
    }
}
