using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// The epoch length (docs/dev/epoch-protocol.md): a whole number of steps m such that a
/// spike detected anywhere in an epoch reaches its target only after the epoch ends. A spike
/// detected at the start of the epoch's first step (t_S) arrives at t_S + d and is applied before
/// the first step j with t_S + d ≤ t_j + dt/2, so (m − ½)·dt &lt; d suffices:
/// m = floor(d_min/dt), d_min the smallest cell-to-cell delay.
/// </summary>
public sealed record EpochPlan(int StepsPerEpoch, int TotalSteps, double MinDelay)
{
    public int EpochCount => (TotalSteps + StepsPerEpoch - 1) / StepsPerEpoch;

    /// <summary>Steps in epoch k (the last one may be shorter).</summary>
    public int StepsIn(int epoch) => Math.Min(StepsPerEpoch, TotalSteps - epoch * StepsPerEpoch);

    public static EpochPlan For(NetworkSpec net, IReadOnlyList<NetConSpec> netcons, double tstop, double dt)
    {
        var cellGids = net.CellCount; // real cells take gids 0 … CellCount − 1 (drives follow)
        var minDelay = double.PositiveInfinity;
        foreach (var nc in netcons)
            if (nc.SourceGid < cellGids && nc.Delay < minDelay) minDelay = nc.Delay;
        var total = Cells.Population.StepsFor(tstop, dt);
        if (total < 1) throw new ArgumentException($"tstop {tstop} ms is shorter than one step of {dt} ms", nameof(tstop));
        // No cell-to-cell connection: any epoch length is exact; 40 steps keeps messages few.
        var steps = double.IsPositiveInfinity(minDelay) ? 40 : (int)Math.Floor(minDelay / dt);
        if (steps < 1)
            throw new ArgumentException(
                $"the smallest cell-to-cell delay ({minDelay} ms) is shorter than dt ({dt} ms); use dt ≤ {minDelay} ms", nameof(dt));
        return new EpochPlan(Math.Min(steps, total), total, minDelay);
    }
}
