using Hnn.Host.Serve;

namespace Hnn.Host.Tests.Serve;

/// <summary>A run's event feed: replay for late readers, the end, readers that leave, the replay limit.</summary>
public sealed class LiveFeedTests
{
    private static async Task<List<string>> ReadAll(LiveFeed feed, CancellationToken cancel = default)
    {
        var all = new List<string>();
        await foreach (var e in feed.ReadAsync(cancel)) all.Add(e);
        return all;
    }

    [Fact]
    public async Task Readers_early_and_late_get_every_event_and_a_reader_that_leaves_changes_nothing()
    {
        var feed = new LiveFeed();
        feed.Append("start", new { tstop = 10 });
        var early = ReadAll(feed);
        using var leaving = new CancellationTokenSource();
        var gone = ReadAll(feed, leaving.Token);
        feed.Append("spikes", new { times = new[] { 1.5 } });
        leaving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        feed.Append("progress", new { fraction = 0.5 });
        feed.Close("status", new StatusEvent("done", null));
        feed.Append("spikes", new { times = new[] { 9.0 } });   // after the end: dropped
        var late = await ReadAll(feed);
        string[] expected =
        [
            "event: start\ndata: {\"tstop\":10}\n\n",
            "event: spikes\ndata: {\"times\":[1.5]}\n\n",
            "event: progress\ndata: {\"fraction\":0.5}\n\n",
            "event: status\ndata: {\"status\":\"done\",\"error\":null}\n\n",
        ];
        Assert.Equal(expected, await early);
        Assert.Equal(expected, late);
    }

    [Fact]
    public async Task Past_the_replay_limit_the_oldest_data_batches_are_dropped_and_start_and_status_kept()
    {
        var feed = new LiveFeed(replayLimitChars: 500);
        feed.Append("start", new { tstop = 10 });
        for (var i = 0; i < 20; i++) feed.Append("spikes", new { t = i, times = new[] { 1.0, 2.0, 3.0 } });
        feed.Close("status", new StatusEvent("done", null));
        var replay = await ReadAll(feed);
        Assert.StartsWith("event: start", replay[0]);
        Assert.StartsWith("event: status", replay[^1]);
        var kept = replay.Count(e => e.StartsWith("event: spikes", StringComparison.Ordinal));
        Assert.InRange(kept, 1, 19);
        Assert.Contains("\"t\":19", replay[^2]);   // the newest batches are the ones kept
        Assert.True(replay.Sum(e => e.Length) <= 500 + replay[0].Length + replay[^1].Length, $"{replay.Sum(e => e.Length)} characters kept");
    }
}
