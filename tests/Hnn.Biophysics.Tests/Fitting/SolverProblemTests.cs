using Hnn.Biophysics.Fitting.Solvers;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Fitting;

/// <summary>
/// Each solver on the test problems of <see cref="SolverProblems"/>, driven like the fit loop until it
/// converges or spends its budget; every asked candidate must lie in [0,1]^n (the driver checks).
/// </summary>
public sealed class SolverProblemTests(ITestOutputHelper output)
{
    // Budget, and the largest allowed loss above the problem's minimum and distance from its minimiser.
    // COBYLA stops (ρ = 1e-4) well before the end of Rosenbrock's curved valley, as scipy's fmin_cobyla
    // does with the same rhobeg/rhoend: scipy reaches 0.047 (n = 2, 889 evaluations) and 0.163
    // (n = 4, 3347) from the same start; the tolerances below allow about twice that.
    public static TheoryData<string, string, int, double, double> Cases => new()
    {
        { "cma-es", "sphere", 3000, 1e-10, 1e-5 },
        { "cma-es", "rosenbrock2", 5000, 1e-10, 1e-5 },
        { "cma-es", "rosenbrock4", 10000, 1e-10, 1e-5 },
        { "cma-es", "boundary", 5000, 1e-10, 1e-4 },
        { "cobyla", "sphere", 500, 1e-6, 1e-3 },
        { "cobyla", "rosenbrock2", 5000, 0.1, 0.25 },
        { "cobyla", "rosenbrock4", 10000, 0.35, 0.4 },
        { "cobyla", "boundary", 500, 1e-6, 1e-3 },
        { "nelder-mead", "sphere", 2000, 1e-12, 1e-6 },
        { "nelder-mead", "rosenbrock2", 2000, 1e-12, 1e-6 },
        { "nelder-mead", "rosenbrock4", 5000, 1e-12, 1e-6 },
        { "nelder-mead", "boundary", 2000, 1e-8, 1e-4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvergesToTheKnownMinimum(string solver, string problem, int budget, double lossTolerance, double distanceTolerance)
    {
        var (n, f, optimum, minimum, start) = Problem(problem);
        var run = SolverDriver.Run(FitSolvers.Create(solver, start, null, seed: 1), n, f, budget);
        var excess = run.BestLoss - minimum;
        var distance = SolverDriver.Distance(run.BestPoint, optimum);
        output.WriteLine($"{solver} on {problem}: {run.Evaluations} evaluations (budget {budget}), converged {run.Converged}, " +
                         $"loss − minimum {excess:E3} (tolerance {lossTolerance:E0}), distance {distance:E3} (tolerance {distanceTolerance:E0})");
        Assert.True(run.Converged, $"{solver} did not converge within {budget} evaluations");
        Assert.True(excess <= lossTolerance, $"loss − minimum {excess:E3} > {lossTolerance:E0}");
        Assert.True(distance <= distanceTolerance, $"distance {distance:E3} > {distanceTolerance:E0}");
    }

    [Theory]
    [InlineData("cma-es")]
    [InlineData("cobyla")]
    [InlineData("nelder-mead")]
    public void APlateauedStaircaseEndsWithoutCrashingOnTheLowestStep(string solver)
    {
        // ⌊20·sphere⌋/20 is piecewise constant: no useful gradient, long ties. The solver must neither
        // crash nor stall before its budget, and it should still find the zero step (radius √0.05 ≈ 0.22).
        var centre = SolverProblems.SphereCentre(3);
        var run = SolverDriver.Run(FitSolvers.Create(solver, [0.9, 0.1, 0.9], null, seed: 1), 3, SolverProblems.Plateau(centre), 3000);
        var distance = SolverDriver.Distance(run.BestPoint, centre);
        output.WriteLine($"{solver} on the staircase: {run.Evaluations} evaluations, converged {run.Converged}, best loss {run.BestLoss} (must be 0), distance {distance:F3} (must be ≤ √0.05 = 0.224)");
        Assert.Equal(0.0, run.BestLoss);
        Assert.True(distance <= Math.Sqrt(0.05) + 1e-12);
    }

    [Theory]
    [InlineData("cma-es")]
    [InlineData("cobyla")]
    [InlineData("nelder-mead")]
    public void StartsOnBoxCornersStayInsideAndReachTheBoundaryOptimum(string solver)
    {
        // The optimum (0, 1, 0.5) is on two faces; starting at corners pushes every step against the bounds.
        foreach (var start in (double[][])[[0, 0, 0], [1, 1, 1], [1, 0, 1]])
        {
            var run = SolverDriver.Run(FitSolvers.Create(solver, start, null, seed: 7), 3, SolverProblems.Sphere(SolverProblems.OutsideCentre), 3000);
            var distance = SolverDriver.Distance(run.BestPoint, SolverProblems.BoundaryOptimum);
            output.WriteLine($"{solver} from ({string.Join(", ", start)}): {run.Evaluations} evaluations, {run.Candidates.Count} candidates all in the box, distance to the optimum {distance:E3} (tolerance 1e-3)");
            Assert.True(distance <= 1e-3, $"distance {distance:E3} > 1e-3");
        }
    }

    private static (int N, Func<double[], double> F, double[] Optimum, double Minimum, double[] Start) Problem(string name) => name switch
    {
        "sphere" => (3, SolverProblems.Sphere(SolverProblems.SphereCentre(3)), SolverProblems.SphereCentre(3), 0.0, [0.9, 0.1, 0.9]),
        "rosenbrock2" => (2, SolverProblems.Rosenbrock, [0.75, 0.75], 0.0, [0.3, 0.3]),
        "rosenbrock4" => (4, SolverProblems.Rosenbrock, [0.75, 0.75, 0.75, 0.75], 0.0, [0.3, 0.3, 0.3, 0.3]),
        "boundary" => (3, SolverProblems.Sphere(SolverProblems.OutsideCentre), SolverProblems.BoundaryOptimum, SolverProblems.BoundaryMinimum, [0.5, 0.5, 0.5]),
        _ => throw new ArgumentException($"unknown problem {name}"),
    };
}
