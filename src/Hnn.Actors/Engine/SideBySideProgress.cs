namespace Hnn.Actors.Engine;

/// <summary>
/// The reports of trials that run side by side, as one run's progress: the work done so far (the
/// sum of the trials' simulated ms) told as if the trials ran one after another, so that the
/// "trial k of n", share done and time left a progress bar derives from it only ever grow.
/// </summary>
internal sealed class SideBySideProgress(IProgress<SimulationProgress> inner, int trials) : IProgress<SimulationProgress>
{
    private readonly double[] _simulated = new double[trials];
    private readonly object _lock = new();
    private double _total, _reported = -1;

    /// <summary><paramref name="progress"/> itself when trials run one at a time, else wrapped.</summary>
    public static IProgress<SimulationProgress>? For(IProgress<SimulationProgress>? progress, int trials, int concurrent) =>
        progress is null || concurrent <= 1 || trials <= 1 ? progress : new SideBySideProgress(progress, trials);

    public void Report(SimulationProgress p)
    {
        lock (_lock)
        {
            if (p.SimulatedMs <= _simulated[p.Trial]) return;
            _total += p.SimulatedMs - _simulated[p.Trial];
            _simulated[p.Trial] = p.SimulatedMs;
            if (_total <= _reported) return;
            _reported = _total;
            var whole = Math.Min(trials - 1, (int)(_total / p.Tstop));
            // Inside the lock, so that the reports reach the caller in order.
            inner.Report(new SimulationProgress(whole, trials, _total - whole * p.Tstop, p.Tstop));
        }
    }
}
