using System.Collections.Concurrent;
using Akka.Event;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Hnn.Host.Tests;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every entry it is given, to look for one.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <summary>Waits (the log is written asynchronously, by a logger actor) for an entry whose message contains <paramref name="text"/>.</summary>
    public async Task<Entry?> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var entry = _entries.FirstOrDefault(e => e.Message.Contains(text, StringComparison.Ordinal));
            if (entry is not null || DateTime.UtcNow > deadline) return entry;
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Logs an info and a warning event through Akka's own log and waits for the warning to
    /// arrive here; asserts it came through the bridge with its level and category.
    /// </summary>
    public async Task<string> ProbeAkkaLogAsync(Akka.Actor.ActorSystem system)
    {
        var probe = Guid.NewGuid().ToString("N");
        system.Log.Info("info {0}", probe);
        system.Log.Warning("warning {0}", probe);
        var warning = await WaitForAsync($"warning {probe}", TimeSpan.FromSeconds(10));
        Xunit.Assert.NotNull(warning);
        Xunit.Assert.Equal(LogLevel.Warning, warning.Level);
        Xunit.Assert.Equal("Akka.Actor.ActorSystem", warning.Category);
        return probe;
    }

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
    }
}
