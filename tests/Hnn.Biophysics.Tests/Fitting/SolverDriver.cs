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
