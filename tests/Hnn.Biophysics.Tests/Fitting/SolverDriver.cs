using Hnn.Biophysics.Fitting.Solvers;

namespace Hnn.Biophysics.Tests.Fitting;

/// <summary>What one driven run of a solver produced.</summary>
internal sealed record SolverRun(double BestLoss, double[] BestPoint, int Evaluations, bool Converged,
    IReadOnlyList<int> BatchSizes, IReadOnlyList<double[]> Candidates);

/// <summary>Drives a solver the way the fit loop does (ask, evaluate all, tell) until it converges or a budget is spent.</summary>
internal static class SolverDriver
{
    /// <summary>
    /// Runs <paramref name="solver"/> on <paramref name="loss"/> for at most <paramref name="budget"/> evaluations.
    /// Throws when a candidate has the wrong length or leaves [0,1]^n.
    /// </summary>
    internal static SolverRun Run(IFitSolver solver, int n, Func<double[], double> loss, int budget)
    {
        var best = double.PositiveInfinity;
        var bestPoint = new double[n];
        var evaluations = 0;
        var sizes = new List<int>();
        var all = new List<double[]>();
        while (evaluations < budget)
        {
            var batch = solver.Ask();
            if (batch.Count == 0)
            {
                if (!solver.Converged) throw new InvalidOperationException($"{solver.Name}: Ask returned no candidates but Converged is false");
                break;
            }
            sizes.Add(batch.Count);
            var losses = new double[batch.Count];
            for (var k = 0; k < batch.Count; k++)
            {
                var x = batch[k];
                if (x.Length != n) throw new InvalidOperationException($"{solver.Name}: candidate of length {x.Length}, expected {n}");
                foreach (var v in x)
                    if (!(v >= 0.0 && v <= 1.0)) throw new InvalidOperationException($"{solver.Name}: candidate coordinate {v:R} outside [0,1]");
                all.Add((double[])x.Clone());
                losses[k] = loss(x);
                if (losses[k] < best) (best, bestPoint) = (losses[k], (double[])x.Clone());
            }
            evaluations += batch.Count;
            solver.Tell(losses);
        }
        (solver as IDisposable)?.Dispose();
        return new SolverRun(best, bestPoint, evaluations, solver.Converged, sizes, all);
    }

    /// <summary>Euclidean distance between two points.</summary>
    internal static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        Math.Sqrt(a.Select((v, i) => (v - b[i]) * (v - b[i])).Sum());
}

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
