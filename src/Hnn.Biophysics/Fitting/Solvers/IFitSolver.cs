namespace Hnn.Biophysics.Fitting.Solvers;

/// <summary>
/// Ask/tell minimiser over the unit box [0,1]^n (docs/dev/fitting-solvers.md §1). The fit loop asks
/// for candidates, simulates them (all of one Ask at once, in parallel), and tells their losses back.
/// </summary>
internal interface IFitSolver
{
    /// <summary>The solver's name as a fit file writes it: "cma-es", "cobyla" or "nelder-mead".</summary>
    string Name { get; }

    /// <summary>
    /// The next candidates to evaluate, each a new double[n] inside [0,1]^n (the caller may keep them).
    /// Empty when the solver has converged (then <see cref="Converged"/> is true). Ask and Tell alternate
    /// strictly: calling Ask twice without Tell throws <see cref="InvalidOperationException"/>.
    /// </summary>
    IReadOnlyList<double[]> Ask();

    /// <summary>
    /// The losses of the last Ask's candidates, in the same order. A loss may be NaN or +Infinity
    /// (the simulation failed): it counts as worse than any finite loss.
    /// </summary>
    void Tell(IReadOnlyList<double> losses);

    /// <summary>True once the solver's own stopping rule holds (the caller also stops at its simulation budget).</summary>
    bool Converged { get; }
}
