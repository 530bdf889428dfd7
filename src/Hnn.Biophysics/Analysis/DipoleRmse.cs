using System.Globalization;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The root-mean-square error between a simulated dipole and a target (recorded) dipole as HNN-core's
/// optimiser computes it (docs/dev/dipole.md §8): both cut to a common window, the longer series
/// resampled to the shorter one's length by FFT, then √(mean of squared differences).
/// </summary>
public static class DipoleRmse
{
    /// <summary>
    /// RMSE of <paramref name="column"/> between <paramref name="simulated"/> and <paramref name="target"/>
    /// over tstart … tstop (ms), each clipped to both dipoles' time ranges; null means "from the later
    /// start" / "to the earlier end". Neither dipole is scaled or smoothed here.
    /// </summary>
    public static double Compute(Dipole simulated, Dipole target, double? tstart = null, double? tstop = null, string column = Dipole.Agg)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(column);
        if (tstart is { } a && !double.IsFinite(a)) throw new ArgumentException($"tstart must be a finite time in ms, got {a}", nameof(tstart));
        if (tstop is { } b && !double.IsFinite(b)) throw new ArgumentException($"tstop must be a finite time in ms, got {b}", nameof(tstop));
        RequireColumn(simulated, column, "simulated");
        RequireColumn(target, column, "target");

        var (simTimes, expTimes) = (simulated.Times, target.Times);
        var start = tstart ?? double.NegativeInfinity;
        var stop = tstop ?? double.PositiveInfinity;
        foreach (var times in (double[][])[expTimes, simTimes])
        {
            if (start < times[0]) start = times[0];
            if (stop > times[^1]) stop = times[^1];
        }
        var (e0, e1) = (Nearest(expTimes, start), Nearest(expTimes, stop));
        var (s0, s1) = (Nearest(simTimes, start), Nearest(simTimes, stop));
        int simLength = s1 - s0, expLength = e1 - e0;
        if (simLength < 1 || expLength < 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the RMSE window {start} … {stop} ms (tstart {Show(tstart)}, tstop {Show(tstop)}, clipped to the simulated " +
                $"{simTimes[0]} … {simTimes[^1]} ms and the target {expTimes[0]} … {expTimes[^1]} ms) holds {simLength} simulated and " +
                $"{expLength} target samples; allowed: a window with at least one sample step of each"));

        ReadOnlySpan<double> sim = simulated[column].AsSpan(s0, simLength);
        ReadOnlySpan<double> exp = target[column].AsSpan(e0, expLength);
        double[]? weights = null;
        if (simLength > expLength)
        {
            sim = FourierResample.Resample(sim, expLength);
            // HNN-core resamples its all-ones weights with the simulation: 1 up to rounding.
            weights = FourierResample.Resample(Ones(simLength), expLength);
            for (var k = 0; k < weights.Length; k++) if (weights[k] < 1e-4) weights[k] = 0.0;
        }
        else if (simLength < expLength)
            exp = FourierResample.Resample(exp, simLength);

        double sum = 0.0, weightSum = 0.0;
        for (var k = 0; k < sim.Length; k++)
        {
            var w = weights?[k] ?? 1.0;
            var d = sim[k] - exp[k];
            sum += w * d * d;
            weightSum += w;
        }
        return Math.Sqrt(sum / weightSum);
    }

    // numpy's argmin of |times − t|: the first of equally near samples.
    private static int Nearest(double[] times, double t)
    {
        var best = 0;
        var bestDistance = Math.Abs(times[0] - t);
        for (var k = 1; k < times.Length; k++)
        {
            var distance = Math.Abs(times[k] - t);
            if (distance < bestDistance) (best, bestDistance) = (k, distance);
        }
        return best;
    }

    private static string Show(double? t) => t?.ToString("R", CultureInfo.InvariantCulture) ?? "not given";

    private static double[] Ones(int n)
    {
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }

    private static void RequireColumn(Dipole dipole, string column, string which)
    {
        if (!dipole.Order.Contains(column))
            throw new ArgumentException($"the {which} dipole has no column '{column}'; it has: {string.Join(", ", dipole.Order)}", nameof(column));
    }
}
