using System.Diagnostics;
using System.Threading.Channels;
using Hnn.Actors.Engine;

namespace Hnn.Host.Serve;

/// <summary>
/// Takes the engine's epochs (<see cref="LiveEpoch"/>, posted by the coordinator into a channel so
/// it never waits) and turns them into the run's "spikes", "dipole" and "progress" events: batched
/// to at most one of each per 50 ms, dipoles as nA·m (NEURON's fA·m sums × 1e-6, before any
/// post-processing) thinned to one sample per 0.25 ms.
/// </summary>
internal sealed class LivePump : IProgress<LiveEpoch>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly Channel<LiveEpoch> _channel = Channel.CreateUnbounded<LiveEpoch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RunEntry _run;
    private readonly ServeMetrics _metrics;
    private readonly int _every;
    private readonly long[] _lastEpochAt;   // per trial: trials may run side by side, each on its own coordinator
    private readonly SortedDictionary<int, TrialBatch> _trials = [];   // trials may run side by side: one batch each

    public LivePump(RunEntry run, double dt, int nTrials, ServeMetrics metrics)
    {
        _lastEpochAt = new long[nTrials];
        _run = run;
        _metrics = metrics;
        _every = Math.Max(1, (int)Math.Round(0.25 / dt));
        Completion = Task.Run(PumpAsync);
    }

    /// <summary>Done once <see cref="Complete"/> was called and every epoch became events.</summary>
    public Task Completion { get; }

    /// <summary>On a coordinator's thread (one per trial): timestamps the epoch and posts it.</summary>
    public void Report(LiveEpoch value)
    {
        var now = Stopwatch.GetTimestamp();
        var before = Interlocked.Exchange(ref _lastEpochAt[value.Trial], now);
        if (value.Epoch > 0) _metrics.EpochTime(Stopwatch.GetElapsedTime(before, now));   // epoch 0's time includes the build
        _channel.Writer.TryWrite(value);
    }

    public void Complete() => _channel.Writer.TryComplete();

    private async Task PumpAsync()
    {
        var since = Stopwatch.StartNew();
        var first = true;   // the first epoch goes out at once: a client sees the run move without waiting a batch
        await foreach (var e in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_trials.TryGetValue(e.Trial, out var batch)) _trials[e.Trial] = batch = new TrialBatch(e.Trial, _every);
            batch.Add(e);
            if (first || since.Elapsed >= Interval)
            {
                first = false;
                Flush();
                since.Restart();
            }
        }
        Flush();
    }

    // One "spikes" and one "dipole" event per trial with anything new, then one "progress".
    private void Flush()
    {
        var any = false;
        foreach (var batch in _trials.Values) any |= batch.Flush(_run.Feed);
        if (any) _run.Feed.Append("progress", _run.Progress);
    }

    /// <summary>What one trial produced since its last events.</summary>
    private sealed class TrialBatch(int trial, int every)
    {
        private readonly List<double> _times = [], _dipoleTimes = [], _agg = [], _l2 = [], _l5 = [];
        private readonly List<int> _gids = [];
        private int _sample;
        private double _t;
        private bool _pending;

        public void Add(LiveEpoch e)
        {
            _pending = true;
            _t = e.EndTime;
            _times.AddRange(e.SpikeTimes);
            _gids.AddRange(e.SpikeGids);
            e.RawDipoles.TryGetValue("L2_pyramidal", out var l2);
            e.RawDipoles.TryGetValue("L5_pyramidal", out var l5);
            for (var k = 0; k < e.Times.Length; k++)
            {
                if (++_sample % every != 0) continue;   // samples are numbered from 1 (sample 0, t = 0, is always 0)
                var a = (l2?[k] ?? 0) * 1e-6;
                var b = (l5?[k] ?? 0) * 1e-6;
                _dipoleTimes.Add(e.Times[k]);
                _l2.Add(a);
                _l5.Add(b);
                _agg.Add(a + b);
            }
        }

        public bool Flush(LiveFeed feed)
        {
            if (!_pending) return false;
            _pending = false;
            if (_times.Count > 0 || _dipoleTimes.Count == 0)
                feed.Append("spikes", new { trial, t = _t, times = _times.ToArray(), gids = _gids.ToArray() });
            if (_dipoleTimes.Count > 0)
                feed.Append("dipole", new Dictionary<string, object>
                {
                    ["trial"] = trial, ["times"] = _dipoleTimes.ToArray(), ["agg"] = _agg.ToArray(), ["L2"] = _l2.ToArray(), ["L5"] = _l5.ToArray(),
                });
            _times.Clear();
            _gids.Clear();
            _dipoleTimes.Clear();
            _agg.Clear();
            _l2.Clear();
            _l5.Clear();
            return true;
        }
    }
}
