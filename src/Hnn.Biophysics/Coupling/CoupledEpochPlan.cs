using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Coupling;

/// <summary>
/// One epoch length for every network of a coupled run (docs/dev/coupling.md §3): a spike fired in
/// epoch k reaches the other network at the barrier after k, so each projection delay bounds the
/// epoch just as a cell-to-cell delay does. m = floor(d_min/dt) over all cell-to-cell delays of all
/// networks and the delays of all projection connections (each connection's shortest delay, <see cref="NetConResolver.MinDelays"/>).
/// </summary>
internal static class CoupledEpochPlan
{
    public static EpochPlan For(MultiNetworkSpec spec, Func<NetworkSpec, IReadOnlyList<double>> minDelays, TimeGrid grid)
    {
        var steps = int.MaxValue;
        var minDelay = double.PositiveInfinity;
        for (var n = 0; n < spec.Names.Count; n++)
        {
            EpochPlan plan;
            try
            {
                plan = EpochPlan.For(spec.Networks[n], minDelays(spec.Networks[n]), grid);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"network '{spec.Names[n]}': {e.Message}", e.ParamName, e);
            }
            steps = Math.Min(steps, plan.StepsPerEpoch);
            minDelay = Math.Min(minDelay, plan.MinDelay);
        }
        foreach (var p in spec.Projections)
        {
            var target = spec[p.To];
            var delays = minDelays(target);
            var delay = double.PositiveInfinity;
            for (var ci = 0; ci < delays.Count; ci++)
                if (delays[ci] < delay && target.Connections[ci].SourceType == p.Name) delay = delays[ci];
            if (double.IsPositiveInfinity(delay)) continue;   // every connection pruned: it constrains nothing
            var m = Math.Floor(delay / grid.Dt);
            if (m < 1)
                throw new ArgumentException(
                    $"projection '{p.Name}' is invalid: its shortest delay ({delay} ms) is shorter than dt ({grid.Dt} ms), so a spike could act " +
                    $"within the epoch that fired it. Allowed: synaptic_delays ≥ dt ({grid.Dt} ms).", "synaptic_delays");
            steps = (int)Math.Min(steps, m);
            minDelay = Math.Min(minDelay, delay);
        }
        return new EpochPlan(grid, Math.Min(steps, grid.StepCount), minDelay);
    }
}
