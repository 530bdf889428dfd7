using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

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

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
    }
}
