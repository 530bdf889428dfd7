using System.Globalization;

namespace Hnn.Biophysics.Fitting.Solvers;

/// <summary>Creates a fit solver by the name a fit file gives it (docs/dev/fitting-solvers.md §1).</summary>
internal static class FitSolvers
{
    /// <summary>Every solver name <see cref="Create"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["cma-es", "cobyla", "nelder-mead"];

    /// <summary>
    /// A new solver starting at <paramref name="initial"/> (length n ≥ 1, each coordinate in [0,1]).
    /// <paramref name="population"/>: candidates per generation for cma-es (null = 4 + ⌊3 ln n⌋, else ≥ 2);
    /// cobyla and nelder-mead ignore it. <paramref name="seed"/>: cma-es's random draws (0 … 4294967295);
    /// the others ignore it.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, a bad start point, population or seed.</exception>
    public static IFitSolver Create(string name, IReadOnlyList<double> initial, int? population, long seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(initial);
        if (!Names.Contains(name))
            throw new ArgumentException($"solver '{name}' is unknown; allowed: {string.Join(", ", Names)}.", nameof(name));
        var start = CheckedStart(initial);
        switch (name)
        {
            case "cma-es":
                if (population is { } p && p < 2)
                    throw new ArgumentException($"population = {p} is invalid for cma-es: it must be at least 2 (or left out for the default 4 + floor(3 ln n)).", nameof(population));
                if (seed < 0 || seed > uint.MaxValue)
                    throw new ArgumentException($"seed = {seed} is invalid: allowed 0 … {uint.MaxValue}.", nameof(seed));
                return new CmaEs(start, population ?? CmaEs.DefaultPopulation(start.Length), seed);
            case "cobyla":
                return new Cobyla(start);
            default:
                return new NelderMead(start);
        }
    }

    /// <summary>
    /// Whether loss <paramref name="a"/> is strictly better than <paramref name="b"/>: a failed simulation
    /// (NaN or ±∞ — −∞ cannot be a real RMSE either) is worse than every finite loss and ties with another failure.
    /// </summary>
    internal static bool IsBetter(double a, double b) =>
        double.IsFinite(a) && (!double.IsFinite(b) || a < b);

    private static double[] CheckedStart(IReadOnlyList<double> initial)
    {
        if (initial.Count == 0)
            throw new ArgumentException("initial is empty: a fit needs at least one parameter (n >= 1).", nameof(initial));
        var start = new double[initial.Count];
        for (var i = 0; i < start.Length; i++)
        {
            var v = initial[i];
            if (!(v >= 0.0 && v <= 1.0))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"initial[{i}] = {v} is outside the unit box: every start coordinate must lie in [0, 1]."), nameof(initial));
            start[i] = v;
        }
        return start;
    }
}
