using Akka.Hosting;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace Hnn.Host.Hosting;

/// <summary>Akka's log, bridged into Microsoft.Extensions.Logging at a level given the Microsoft way.</summary>
internal static class HnnLogLevels
{
    /// <summary>
    /// Replaces Akka's own loggers with one that writes to the host's <see cref="ILoggerFactory"/>
    /// (category <c>Akka.Actor.ActorSystem</c>), and makes Akka publish events from <paramref name="level"/> up.
    /// </summary>
    public static AkkaConfigurationBuilder WithHnnLogging(this AkkaConfigurationBuilder akka, LogLevel level) =>
        akka.ConfigureLoggers(setup =>
        {
            setup.LogLevel = ToAkka(level);
            setup.ClearLoggers();
            setup.AddLoggerFactory();
        });

    /// <summary>Akka has four levels: trace is logged as debug, critical as error.</summary>
    public static AkkaLogLevel ToAkka(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => AkkaLogLevel.DebugLevel,
        LogLevel.Information => AkkaLogLevel.InfoLevel,
        LogLevel.Warning => AkkaLogLevel.WarningLevel,
        LogLevel.Error or LogLevel.Critical => AkkaLogLevel.ErrorLevel,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, Allowed),
    };

    public static void Validate(LogLevel level, string paramName, string what)
    {
        if (level is < LogLevel.Trace or >= LogLevel.None)
            throw new ArgumentException($"{what} {level} is not a level to log at; {Allowed} (to silence Akka, filter its category in the host's logging)", paramName);
    }

    private const string Allowed = "allowed: Trace, Debug, Information, Warning, Error, Critical";
}
