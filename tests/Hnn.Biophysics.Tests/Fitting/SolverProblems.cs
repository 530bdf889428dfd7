namespace Hnn.Biophysics.Tests.Fitting;

/// <summary>Test functions on the unit box, each with its known minimiser.</summary>
internal static class SolverProblems
{
    /// <summary>Σ (u_i − c_i)² with c = 0.3, 0.7, 0.45, 0.6, …: optimum inside the box, loss 0.</summary>
    internal static double[] SphereCentre(int n) => Enumerable.Range(0, n).Select(i => new[] { 0.3, 0.7, 0.45, 0.6 }[i % 4]).ToArray();

    internal static Func<double[], double> Sphere(double[] centre) => u => u.Select((v, i) => (v - centre[i]) * (v - centre[i])).Sum();

    /// <summary>Rosenbrock on [−2,2]^n mapped from the unit box (x = 4u − 2): optimum u = 0.75, loss 0.</summary>
    internal static double Rosenbrock(double[] u)
    {
        var s = 0.0;
        for (var i = 0; i + 1 < u.Length; i++)
        {
            double x = 4 * u[i] - 2, y = 4 * u[i + 1] - 2;
            s += 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x);
        }
        return s;
    }

    /// <summary>Centre of the boundary problem: outside the box in two coordinates, so the optimum is (0, 1, 0.5).</summary>
    internal static readonly double[] OutsideCentre = [-0.2, 1.3, 0.5];
    internal static readonly double[] BoundaryOptimum = [0.0, 1.0, 0.5];
    /// <summary>The boundary problem's minimum: 0.2² + 0.3².</summary>
    internal const double BoundaryMinimum = 0.13;

    /// <summary>A staircase: ⌊20·sphere⌋/20, flat plateaus everywhere (0 on a ball of radius √0.05 around the centre).</summary>
    internal static Func<double[], double> Plateau(double[] centre) => u => Math.Floor(20 * Sphere(centre)(u)) / 20;
}
