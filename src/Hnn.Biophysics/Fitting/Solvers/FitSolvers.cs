namespace Hnn.Biophysics.Fitting.Solvers;

// TEMPORARY placeholder until wip-solvers merges (take theirs).
internal static class FitSolvers
{
    public static readonly IReadOnlyList<string> Names = ["cma-es", "cobyla", "nelder-mead"];

    public static IFitSolver Create(string name, IReadOnlyList<double> initial, int? population, long seed) => new Placeholder(initial, population ?? 4);

    private sealed class Placeholder(IReadOnlyList<double> initial, int population) : IFitSolver
    {
        private int _generation;
        private readonly System.Random _random = new(1);
        public string Name => "cma-es";
        public bool Converged => false;
        public IReadOnlyList<double[]> Ask() => Enumerable.Range(0, population).Select(_ => initial.Select(x => Math.Clamp(x + 0.1 * (_random.NextDouble() - 0.5) / (1 + _generation), 0, 1)).ToArray()).ToArray();
        public void Tell(IReadOnlyList<double> losses) => _generation++;
    }
}
