using Hnn.Biophysics.Fitting.Solvers;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Fitting;

/// <summary>COBYLA's sub-step: the minimiser of g·d over the ball ∩ box, against brute force.</summary>
public sealed class BallBoxStepSolverTests(ITestOutputHelper output)
{
    [Fact]
    public void BeatsEveryFeasibleSampleOnRandomCases()
    {
        // 300 random cases (n = 1…5, some coordinates on a bound, some gradient entries 0). The step must be
        // feasible (‖d‖ ≤ ρ·(1 + 1e-12), inside the box) and its g·d must not exceed the best of 3000 random
        // feasible points followed by 3000 steps of a shrinking random local search by more than 1e-12·|g|·ρ;
        // the brute-force best must also come within 1 % of it, so the comparison is a real one.
        var random = new System.Random(2024);
        var worstExcess = double.NegativeInfinity;
        var worstGap = 0.0;
        for (var c = 0; c < 300; c++)
        {
            var n = 1 + c % 5;
            var (g, lower, upper) = (new double[n], new double[n], new double[n]);
            for (var i = 0; i < n; i++)
            {
                var x = random.Next(6) switch { 0 => 0.0, 1 => 1.0, _ => random.NextDouble() };
                (lower[i], upper[i]) = (-x, 1 - x);
                g[i] = random.Next(8) == 0 ? 0.0 : random.NextDouble() * 2 - 1;
            }
            var rho = 0.02 + random.NextDouble() * 1.2;
            var d = BallBoxStep.Solve(g, rho, lower, upper);

            Assert.True(Norm(d) <= rho * (1 + 1e-12), $"case {c}: ‖d‖ = {Norm(d):R} > ρ = {rho:R}");
            for (var i = 0; i < n; i++) Assert.InRange(d[i], lower[i], upper[i]);
            var value = Dot(g, d);
            var scale = Math.Max(Norm(g) * rho, 1e-300);

            var best = new double[n];
            var bestValue = 0.0;
            var trial = new double[n];
            for (var s = 0; s < 6000; s++)
            {
                // Global samples first, then local moves around the best one with a shrinking spread.
                var spread = s < 3000 ? 3 * rho : rho * Math.Pow(1e-4, (s - 3000) / 3000.0);
                for (var i = 0; i < n; i++) trial[i] = (s < 3000 ? 0.0 : best[i]) + spread * Gaussian(random);
                Feasible(trial, rho, lower, upper);
                var v = Dot(g, trial);
                if (v < bestValue) (bestValue, best) = (v, (double[])trial.Clone());
            }
            worstExcess = Math.Max(worstExcess, (value - bestValue) / scale);
            if (value < 0) worstGap = Math.Max(worstGap, (bestValue - value) / -value);
        }
        output.WriteLine($"worst (g·d − best sample)/(|g|ρ) = {worstExcess:E2} (must be ≤ 1e-12); worst shortfall of the best sample {worstGap:P2} (must be ≤ 1 %)");
        Assert.True(worstExcess <= 1e-12);
        Assert.True(worstGap <= 0.01);
    }

    [Fact]
    public void ReturnsTheBoxCornerWhenItLiesInsideTheBall()
    {
        // x = (0.1, 0.95), g = (1, −1): the corner d = (−0.1, 0.05) has norm 0.112 < ρ = 0.5.
        var d = BallBoxStep.Solve([1.0, -1.0], 0.5, [-0.1, -0.95], [0.9, 0.05]);
        output.WriteLine($"d = ({d[0]:R}, {d[1]:R}), expected (−0.1, 0.05) exactly");
        Assert.Equal([-0.1, 0.05], d);
    }

    [Fact]
    public void FillsTheBallAlongMinusGWhenNoBoundIsReached()
    {
        // g = (3, 4), ρ = 0.1, far from the bounds: d = −ρ g/|g| = (−0.06, −0.08); tolerance 1e-15.
        var d = BallBoxStep.Solve([3.0, 4.0], 0.1, [-0.5, -0.5], [0.5, 0.5]);
        output.WriteLine($"d = ({d[0]:R}, {d[1]:R}), expected (−0.06, −0.08)");
        Assert.Equal(-0.06, d[0], 1e-15);
        Assert.Equal(-0.08, d[1], 1e-15);
    }

    [Fact]
    public void SpendsTheRadiusOnFreeCoordinatesOnceOneHitsItsBound()
    {
        // x0 = 0.02 from its lower bound with g = (1, 1), ρ = 0.1: coordinate 0 stops at −0.02, coordinate 1 takes
        // the rest, −√(0.01 − 0.0004); tolerance 1e-15.
        var d = BallBoxStep.Solve([1.0, 1.0], 0.1, [-0.02, -0.5], [0.98, 0.5]);
        var expected = -Math.Sqrt(0.01 - 0.0004);
        output.WriteLine($"d = ({d[0]:R}, {d[1]:R}), expected (−0.02, {expected:R})");
        Assert.Equal(-0.02, d[0]);
        Assert.Equal(expected, d[1], 1e-15);
    }

    [Fact]
    public void AZeroGradientOrAnOutwardGradientAtABoundGivesNoStep()
    {
        Assert.Equal([0.0, 0.0], BallBoxStep.Solve([0.0, 0.0], 0.1, [-0.5, -0.5], [0.5, 0.5]));
        // At the lower bound in both coordinates, with the gradient pointing into the box: nothing to gain.
        var d = BallBoxStep.Solve([2.0, 0.5], 0.1, [0.0, 0.0], [1.0, 1.0]);
        output.WriteLine($"d = ({d[0]}, {d[1]}), expected (0, 0)");
        Assert.Equal([0.0, 0.0], d);
    }

    [Fact]
    public void RefusesABoxWithoutZeroOrABadRadius()
    {
        var e = Assert.Throws<ArgumentException>(() => BallBoxStep.Solve([1.0], 0.1, [0.1], [0.5]));
        output.WriteLine(e.Message);
        Assert.Contains("must contain 0", e.Message);
        Assert.Throws<ArgumentException>(() => BallBoxStep.Solve([1.0], double.NaN, [-0.1], [0.5]));
        Assert.Throws<ArgumentException>(() => BallBoxStep.Solve([1.0, 2.0], 0.1, [-0.1], [0.5]));
    }

    /// <summary>A feasible point from any point: clip into the box, then scale into the ball (the box holds 0, so scaling keeps it inside).</summary>
    private static void Feasible(double[] p, double rho, double[] lower, double[] upper)
    {
        for (var i = 0; i < p.Length; i++) p[i] = Math.Clamp(p[i], lower[i], upper[i]);
        var norm = Norm(p);
        if (norm > rho)
            for (var i = 0; i < p.Length; i++) p[i] *= rho / norm;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static double Gaussian(System.Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
