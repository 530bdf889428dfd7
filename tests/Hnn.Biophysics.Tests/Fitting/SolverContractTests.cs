using Hnn.Biophysics.Fitting.Solvers;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Fitting;

/// <summary>The ask/tell contract every solver keeps: determinism, failed losses, strict alternation, batch sizes, arguments.</summary>
public sealed class SolverContractTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => [.. FitSolvers.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void TheSameInputsGiveTheSameCandidatesBitForBit(string solver)
    {
        double[] start = [0.2, 0.9, 0.5];
        var a = SolverDriver.Run(FitSolvers.Create(solver, start, null, seed: 12345), 3, SolverProblems.Rosenbrock, 600);
        var b = SolverDriver.Run(FitSolvers.Create(solver, start, null, seed: 12345), 3, SolverProblems.Rosenbrock, 600);
        var differing = a.Candidates.Zip(b.Candidates).Count(p => !p.First.SequenceEqual(p.Second));
        output.WriteLine($"{solver}: {a.Candidates.Count} and {b.Candidates.Count} candidates, {differing} differ in any bit (must be 0)");
        Assert.True(a.Candidates.Count > 50);
        Assert.Equal(a.Candidates.Count, b.Candidates.Count);
        Assert.Equal(0, differing);
    }

    [Fact]
    public void CmaEsCandidatesDependOnTheSeed()
    {
        double[] start = [0.5, 0.5];
        var a = FitSolvers.Create("cma-es", start, null, seed: 1).Ask();
        var b = FitSolvers.Create("cma-es", start, null, seed: 2).Ask();
        output.WriteLine($"first candidate, seed 1: ({a[0][0]:R}, {a[0][1]:R}); seed 2: ({b[0][0]:R}, {b[0][1]:R})");
        Assert.False(a[0].SequenceEqual(b[0]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FailedLossesRankLastAndNeverCrash(string solver)
    {
        // NaN where u0 > 0.8, +∞ where u1 < 0.15: the start (0.75, 0.18, 0.9) is finite, one of its first
        // neighbours fails, and steps toward (0, 0, …) fail too; the optimum lies in the finite region.
        var centre = SolverProblems.SphereCentre(3);
        var sphere = SolverProblems.Sphere(centre);
        double Loss(double[] u) => u[0] > 0.8 ? double.NaN : u[1] < 0.15 ? double.PositiveInfinity : sphere(u);
        var run = SolverDriver.Run(FitSolvers.Create(solver, [0.75, 0.18, 0.9], null, seed: 3), 3, Loss, 3000);
        var failed = run.Candidates.Count(c => !double.IsFinite(Loss(c)));
        var distance = SolverDriver.Distance(run.BestPoint, centre);
        output.WriteLine($"{solver}: {run.Evaluations} evaluations, {failed} failed, best loss {run.BestLoss:E3}, distance to the optimum {distance:E3} (tolerance 1e-3)");
        Assert.True(failed > 0);
        Assert.True(distance <= 1e-3, $"distance {distance:E3} > 1e-3");
    }

    [Fact]
    public void CmaEsRanksFailedLossesLastInIndexOrder()
    {
        // CMA-ES uses only the ranking of a generation. NaN and +∞ must rank after every finite loss and
        // among themselves by index, i.e. exactly like two huge finite losses in index order: the next
        // generation's candidates must then agree bit for bit.
        var failed = FitSolvers.Create("cma-es", [0.5, 0.5, 0.5], 4, seed: 9);
        var huge = FitSolvers.Create("cma-es", [0.5, 0.5, 0.5], 4, seed: 9);
        failed.Ask();
        huge.Ask();
        failed.Tell([double.NaN, 2.0, double.PositiveInfinity, 1.0]);
        huge.Tell([1e300, 2.0, 1e301, 1.0]);
        var a = failed.Ask();
        var b = huge.Ask();
        var differing = a.Zip(b).Count(p => !p.First.SequenceEqual(p.Second));
        output.WriteLine($"second generation: {differing} of {a.Count} candidates differ (must be 0)");
        Assert.Equal(0, differing);
        // And a different ranking of the μ = 2 best gives different candidates, so the comparison can fail.
        var swapped = FitSolvers.Create("cma-es", [0.5, 0.5, 0.5], 4, seed: 9);
        swapped.Ask();
        swapped.Tell([double.NaN, 1.0, double.PositiveInfinity, 2.0]);
        Assert.False(swapped.Ask()[0].SequenceEqual(a[0]));
    }

    [Fact]
    public void CobylaConvergesOnlyAtTheFinalRadius()
    {
        var solver = (Cobyla)FitSolvers.Create("cobyla", [0.9, 0.1, 0.9], null, seed: 0);
        var run = SolverDriver.Run(solver, 3, SolverProblems.Sphere(SolverProblems.SphereCentre(3)), 1000);
        output.WriteLine($"converged {run.Converged} after {run.Evaluations} evaluations at ρ = {solver.Rho:E2} (must be {Cobyla.RhoEnd:E0})");
        Assert.True(run.Converged);
        Assert.Equal(Cobyla.RhoEnd, solver.Rho);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OnlyFailedLossesStillEndWithinTheBudget(string solver)
    {
        var run = SolverDriver.Run(FitSolvers.Create(solver, [0.5, 0.5], null, seed: 3), 2, _ => double.NaN, 400);
        output.WriteLine($"{solver}: {run.Evaluations} evaluations of NaN, converged {run.Converged} (must converge or spend the budget of 400)");
        Assert.True(run.Converged || run.Evaluations >= 400);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void AskTwiceOrTellWithoutAskOrTheWrongCountThrows(string solver)
    {
        var s = FitSolvers.Create(solver, [0.5, 0.5], null, seed: 0);
        Assert.Throws<InvalidOperationException>(() => s.Tell([1.0]));
        var batch = s.Ask();
        var e = Assert.Throws<InvalidOperationException>(() => s.Ask());
        output.WriteLine(e.Message);
        Assert.Contains("Ask was called twice", e.Message);
        Assert.Throws<ArgumentException>(() => s.Tell(new double[batch.Count + 1]));
        s.Tell(new double[batch.Count]);
        Assert.NotEmpty(s.Ask());
        (s as IDisposable)?.Dispose();
    }

    [Theory]
    [InlineData(1, null, 4)]
    [InlineData(4, null, 8)]
    [InlineData(4, 6, 6)]
    [InlineData(3, 2, 2)]
    [InlineData(10, 25, 25)]
    public void CmaEsAsksPopulationCandidatesEveryGeneration(int n, int? population, int expected)
    {
        // Default λ = 4 + ⌊3 ln n⌋: 4 for n = 1, 8 for n = 4.
        var start = Enumerable.Repeat(0.5, n).ToArray();
        var run = SolverDriver.Run(FitSolvers.Create("cma-es", start, population, seed: 5), n, SolverProblems.Sphere(SolverProblems.SphereCentre(n)), 40 * expected);
        output.WriteLine($"n = {n}, population {population?.ToString() ?? "default"}: batch sizes {string.Join(",", run.BatchSizes.Distinct())} over {run.BatchSizes.Count} generations (expected {expected})");
        Assert.True(run.BatchSizes.Count >= 10);
        Assert.All(run.BatchSizes, size => Assert.Equal(expected, size));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void CobylaAsksItsInitialSimplexAtOnceThenOnePointAtATime(int n)
    {
        var start = Enumerable.Repeat(0.95, n).ToArray();
        var solver = FitSolvers.Create("cobyla", start, null, seed: 0);
        var first = solver.Ask();
        output.WriteLine($"n = {n}: first Ask {first.Count} candidates: {string.Join(" | ", first.Select(c => string.Join(",", c)))}");
        Assert.Equal(n + 1, first.Count);
        Assert.Equal(start, first[0]);
        for (var i = 0; i < n; i++)
        {
            // 0.95 + 0.1 leaves the box, so each neighbour steps down by ρ_beg.
            var expected = (double[])start.Clone();
            expected[i] = 0.95 - 0.1;
            Assert.Equal(expected, first[i + 1]);
        }
        solver.Tell(first.Select(SolverProblems.Sphere(SolverProblems.SphereCentre(n))).ToArray());
        var run = SolverDriver.Run(solver, n, SolverProblems.Sphere(SolverProblems.SphereCentre(n)), 500);
        output.WriteLine($"then {run.BatchSizes.Count} Asks of sizes {string.Join(",", run.BatchSizes.Distinct())}");
        Assert.All(run.BatchSizes, size => Assert.Equal(1, size));
    }

    [Fact]
    public void NelderMeadAsksOnePointAtATimeAndItsThreadEndsOnDispose()
    {
        var solver = (NelderMead)FitSolvers.Create("nelder-mead", [0.5, 0.5], null, seed: 0);
        Assert.False(solver.WorkerAlive);
        for (var i = 0; i < 5; i++)
        {
            var batch = solver.Ask();
            Assert.Single(batch);
            solver.Tell([SolverProblems.Rosenbrock(batch[0])]);
        }
        var aliveBefore = solver.WorkerAlive;
        solver.Dispose();
        output.WriteLine($"worker alive before Dispose {aliveBefore}, after {solver.WorkerAlive}");
        Assert.True(aliveBefore);
        Assert.False(solver.WorkerAlive);
        Assert.Throws<ObjectDisposedException>(() => solver.Ask());
        solver.Dispose();

        // Disposed while a candidate is out (the worker waits for its loss).
        var waiting = (NelderMead)FitSolvers.Create("nelder-mead", [0.5, 0.5], null, seed: 0);
        waiting.Ask();
        waiting.Dispose();
        Assert.False(waiting.WorkerAlive);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void AConvergedSolverKeepsAskingNothing(string solver)
    {
        var s = FitSolvers.Create(solver, [0.4], null, seed: 0);
        var run = SolverDriver.Run(s, 1, u => (u[0] - 0.25) * (u[0] - 0.25), 5000);
        output.WriteLine($"{solver}: converged after {run.Evaluations} evaluations at {run.BestPoint[0]:R}");
        Assert.True(run.Converged);
        Assert.Empty(s.Ask());
        Assert.True(s.Converged);
    }

    [Fact]
    public void BadArgumentsAreRefusedWithTheAllowedValues()
    {
        var unknown = Assert.Throws<ArgumentException>(() => FitSolvers.Create("simplex", [0.5], null, 0));
        output.WriteLine(unknown.Message);
        Assert.Contains("'simplex'", unknown.Message);
        Assert.Contains("cma-es, cobyla, nelder-mead", unknown.Message);

        var outside = Assert.Throws<ArgumentException>(() => FitSolvers.Create("cobyla", [0.5, 1.5], null, 0));
        output.WriteLine(outside.Message);
        Assert.Contains("initial[1] = 1.5", outside.Message);
        Assert.Contains("[0, 1]", outside.Message);
        Assert.Throws<ArgumentException>(() => FitSolvers.Create("nelder-mead", [double.NaN], null, 0));
        Assert.Throws<ArgumentException>(() => FitSolvers.Create("cma-es", [-1e-9], null, 0));

        var empty = Assert.Throws<ArgumentException>(() => FitSolvers.Create("cma-es", [], null, 0));
        output.WriteLine(empty.Message);
        Assert.Contains("n >= 1", empty.Message);

        var population = Assert.Throws<ArgumentException>(() => FitSolvers.Create("cma-es", [0.5], 1, 0));
        output.WriteLine(population.Message);
        Assert.Contains("population = 1", population.Message);
        Assert.Contains("at least 2", population.Message);
        // cobyla and nelder-mead ignore the population.
        Assert.Equal("cobyla", FitSolvers.Create("cobyla", [0.5], 1, 0).Name);

        var seed = Assert.Throws<ArgumentException>(() => FitSolvers.Create("cma-es", [0.5], null, -1));
        output.WriteLine(seed.Message);
        Assert.Contains("4294967295", seed.Message);
        Assert.Equal("cma-es", FitSolvers.Create("cma-es", [0.5], null, uint.MaxValue).Name);
    }

    [Fact]
    public void NamesAreThoseTheSolversReport()
    {
        var names = FitSolvers.Names.Select(n => FitSolvers.Create(n, [0.5], null, 0)).Select(s => s.Name).ToArray();
        output.WriteLine(string.Join(", ", names));
        Assert.Equal(FitSolvers.Names, names);
    }

    [Fact]
    public void ReflectionMirrorsAtZeroAndOneUntilInside()
    {
        // Against repeated mirroring, the rule as stated; tolerance 1e-12 (the two differ only in rounding).
        var random = new System.Random(11);
        var worst = 0.0;
        for (var k = 0; k < 10000; k++)
        {
            var v = (random.NextDouble() - 0.5) * 12;
            var mirrored = v;
            while (mirrored < 0 || mirrored > 1) mirrored = mirrored < 0 ? -mirrored : 2 - mirrored;
            var reflected = CmaEs.Reflect(v);
            Assert.InRange(reflected, 0.0, 1.0);
            worst = Math.Max(worst, Math.Abs(reflected - mirrored));
        }
        output.WriteLine($"10000 values in [−6, 6]: worst difference from repeated mirroring {worst:E2} (tolerance 1e-12)");
        Assert.True(worst <= 1e-12);
        Assert.Equal(0.3, CmaEs.Reflect(-0.3), 15);
        Assert.Equal(0.8, CmaEs.Reflect(1.2), 15);
        Assert.Equal(0.75, CmaEs.Reflect(0.75));
    }
}
