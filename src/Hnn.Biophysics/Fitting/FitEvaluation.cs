namespace Hnn.Biophysics.Fitting;

/// <summary>
/// One simulation of a fit (a row of history.csv): its number (1-based, in the order the solver
/// asked), the generation it belongs to, the parameter values (in the fit's order), the loss (NaN
/// when it failed, with <paramref name="Error"/> saying why), the simulation's wall time, and the key
/// by which a resumed fit finds it again.
/// </summary>
public sealed record FitEvaluation(int Simulation, int Generation, IReadOnlyList<double> Values, double Loss, string? Error, double WallSeconds, string Key)
{
    /// <summary>Whether the candidate simulated and its loss is a number.</summary>
    public bool Succeeded => Error is null && double.IsFinite(Loss);
}

/// <summary>Where a fit stands: the generation, simulations done of the budget, the best loss so far (NaN before the first), time since it started.</summary>
public sealed record FitProgress(int Generation, int Simulations, int MaxSimulations, double BestLoss, TimeSpan Elapsed, int Reused = 0);

/// <summary>
/// What a fit found: every evaluation in order, the best one (lowest loss; the earliest of equals),
/// why it stopped ("budget", "converged"), and the best candidate's experiment file (with the
/// fit's postproc, runnable by `hnn simulate`) and its prepared trial-average dipole.
/// </summary>
public sealed record FitResult(
    IReadOnlyList<FitEvaluation> Evaluations,
    FitEvaluation? Best,
    string StopReason,
    string? BestExperimentJson,
    Recording.Dipole? BestDipole);
