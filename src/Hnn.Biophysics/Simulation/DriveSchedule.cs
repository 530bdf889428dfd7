namespace Hnn.Biophysics.Simulation;

/// <summary>
/// A trial's drive spikes (sorted by time) handed out epoch by epoch: each call takes the
/// spikes not yet taken that fall before the epoch's drive horizon (<see cref="EpochPlan.DriveHorizon"/>).
/// Used by the sequential engine and by every drive actor, so both cut drives the same way.
/// </summary>
internal sealed class DriveSchedule(SpikeBatch spikes)
{
    private int _next;

    public SpikeBatch TakeBefore(double horizon)
    {
        var start = _next;
        while (_next < spikes.Count && spikes.Times[_next] < horizon) _next++;
        return _next == start ? SpikeBatch.Empty : new SpikeBatch(spikes.Gids[start.._next], spikes.Times[start.._next]);
    }
}
