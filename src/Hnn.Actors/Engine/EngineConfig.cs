using Akka.Configuration;

namespace Hnn.Actors.Engine;

/// <summary>
/// The HOCON the engine runs with: hocon/local.conf (embedded in this assembly, so library
/// users get it too), with the compute dispatcher sized to the machine's cores.
/// </summary>
internal static class EngineConfig
{
    public static string LocalHocon()
    {
        using var stream = typeof(EngineConfig).Assembly.GetManifestResourceStream("Hnn.Actors.hocon.local.conf")
            ?? throw new InvalidOperationException("embedded hocon/local.conf is missing from Hnn.Actors");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Config Local(int? computeThreads = null) =>
        ConfigurationFactory.ParseString(
                $"akka.actor.hnn-compute-dispatcher.dedicated-thread-pool.thread-count = {computeThreads ?? Environment.ProcessorCount}")
            .WithFallback(ConfigurationFactory.ParseString(LocalHocon()));
}
