namespace Hnn.Biophysics.Fitting.Solvers;

/// <summary>
/// The exact minimiser of a linear function g·d over a ball ‖d‖ ≤ ρ intersected with a box
/// lower ≤ d ≤ upper that contains 0 (docs/dev/fitting-solvers.md §3.2).
/// </summary>
internal static class BallBoxStep
{
    /// <summary>
    /// The d minimising g·d subject to ‖d‖ ≤ <paramref name="radius"/> and lower ≤ d ≤ upper
    /// (lower ≤ 0 ≤ upper componentwise). It is d(t) = clip(−t·g, lower, upper) with the t where
    /// ‖d(t)‖ = radius, or the box corner d(∞) when that lies inside the ball.
    /// </summary>
    internal static double[] Solve(ReadOnlySpan<double> g, double radius, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var n = g.Length;
        if (lower.Length != n || upper.Length != n)
            throw new ArgumentException($"g, lower and upper must have the same length (got {n}, {lower.Length}, {upper.Length}).");
        if (!(radius >= 0) || !double.IsFinite(radius))
            throw new ArgumentException($"radius = {radius} is invalid: it must be finite and >= 0.", nameof(radius));

        // Along −g, coordinate i hits its bound at t_i = limit_i/|g_i| and stays there.
        var limits = new double[n];
        var breaks = new double[n];
        var order = new int[n];
        var count = 0;
        var freeG2 = 0.0;
        var clipped2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (lower[i] > 0 || upper[i] < 0)
                throw new ArgumentException($"the box must contain 0: coordinate {i} has bounds [{lower[i]}, {upper[i]}].");
            if (g[i] == 0) continue;
            limits[i] = g[i] > 0 ? lower[i] : upper[i];
            breaks[i] = Math.Abs(limits[i]) / Math.Abs(g[i]);
            order[count++] = i;
            freeG2 += g[i] * g[i];
        }
        var d = new double[n];
        if (count == 0 || radius == 0) return d;
        var sorted = order.AsSpan(0, count);
        sorted.Sort((a, b) => breaks[a] != breaks[b] ? breaks[a].CompareTo(breaks[b]) : a.CompareTo(b));

        // Walk the breakpoints: between two, ‖d(t)‖² = t²·Σ_free g_i² + Σ_clipped limit_i².
        var t = double.PositiveInfinity;
        var firstFree = 0;
        for (; firstFree < count; firstFree++)
        {
            var i = sorted[firstFree];
            var tHere = Math.Sqrt(Math.Max(0, radius * radius - clipped2) / freeG2);
            if (tHere <= breaks[i]) { t = tHere; break; }
            clipped2 += limits[i] * limits[i];
            // Re-summed rather than decremented, so cancellation cannot leave a tiny or negative sum.
            freeG2 = 0.0;
            for (var k = firstFree + 1; k < count; k++) freeG2 += g[sorted[k]] * g[sorted[k]];
        }
        for (var k = 0; k < count; k++)
        {
            var i = sorted[k];
            // The clamp only absorbs rounding at a breakpoint.
            d[i] = k < firstFree ? limits[i] : Math.Clamp(-t * g[i], lower[i], upper[i]);
        }
        return d;
    }
}
