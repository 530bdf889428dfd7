using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// How a run is cut into epochs (docs/dev/epoch-protocol.md): a whole number of steps m such that
/// a spike detected anywhere in an epoch reaches its target only after the epoch ends. A spike
/// detected at the start of the epoch's first step (t_S) arrives at t_S + d and is applied before
/// the first step j with t_S + d ≤ t_j + dt/2, so (m − ½)·dt &lt; d suffices:
/// m = floor(d_min/dt), d_min the smallest cell-to-cell delay. Also the one place that says which
/// drive spikes belong to which epoch (<see cref="DriveHorizon"/>).
/// </summary>
internal sealed record EpochPlan(TimeGrid Grid, int StepsPerEpoch, double MinDelay)
{
    public int TotalSteps => Grid.StepCount;

    public int EpochCount => (TotalSteps + StepsPerEpoch - 1) / StepsPerEpoch;

    /// <summary>Index of epoch k's first step.</summary>
    public int FirstStep(int epoch) => epoch * StepsPerEpoch;

    /// <summary>Steps in epoch k (the last one may be shorter).</summary>
    public int StepsIn(int epoch) => Math.Min(StepsPerEpoch, TotalSteps - epoch * StepsPerEpoch);

    /// <summary>Simulated time (ms) at the start of epoch k.</summary>
    public double StartTime(int epoch) => Grid.Times[Math.Clamp(FirstStep(epoch), 0, TotalSteps)];

    /// <summary>Simulated time (ms) at the end of epoch k.</summary>
    public double EndTime(int epoch) => Grid.Times[FirstStep(epoch) + StepsIn(epoch)];

    /// <summary>
    /// Drive spikes strictly before this time are handed out with epoch k: they may act within
    /// it, so shards must queue them before they run it. The last epoch takes all the rest.
    /// </summary>
    public double DriveHorizon(int epoch) => epoch + 1 >= EpochCount ? double.PositiveInfinity : EndTime(epoch);

    /// <summary>The plan of <paramref name="net"/> (its connections' shortest delays computed here).</summary>
    public static EpochPlan For(NetworkSpec net, TimeGrid grid) => For(net, NetConResolver.MinDelays(net), grid);

    /// <param name="minDelays">Each connection's shortest NetCon delay (<see cref="NetConResolver.MinDelays"/>).</param>
    public static EpochPlan For(NetworkSpec net, IReadOnlyList<double> minDelays, TimeGrid grid)
    {
        var cellGids = net.CellCount; // real cells take gids 0 … CellCount − 1 (drives follow)
        var minDelay = double.PositiveInfinity;
        for (var ci = 0; ci < minDelays.Count; ci++)
            if (minDelays[ci] < minDelay && net.Connections[ci].Pairs[0].Source < cellGids) minDelay = minDelays[ci];
        // No cell-to-cell connection: any epoch length is exact; 40 steps keeps messages few.
        var steps = double.IsPositiveInfinity(minDelay) ? 40 : (int)Math.Min(Math.Floor(minDelay / grid.Dt), int.MaxValue);
        if (steps < 1)
            throw new ArgumentException(
                $"the smallest cell-to-cell delay ({minDelay} ms) is shorter than dt ({grid.Dt} ms); use dt ≤ {minDelay} ms", "dt");
        return new EpochPlan(grid, Math.Min(steps, grid.StepCount), minDelay);
    }
}
