namespace Hnn.Biophysics.Fitting;

/// <summary>
/// What a fit minimises (docs/fit-file.md "Objective"): a number computed from one candidate's
/// prepared simulation; lower is better. Built in: "dipole_rmse" (RMSE to the target dipole) and
/// "psd_band" (minus the relative power in frequency bands, so that minimising maximises it, as
/// HNN-core's optimiser does). <see cref="Custom"/> takes any C# function.
/// </summary>
public abstract class FitObjective
{
    /// <summary>The objective's name as history.csv and the progress line show it.</summary>
    public abstract string Name { get; }

    /// <summary>The loss of one candidate; NaN or an exception marks the candidate as failed.</summary>
    public abstract double Loss(FitSimulation simulation);

    /// <summary>Normalised settings (a target by its SHA-256), so that a resumed fit knows its losses still hold.</summary>
    internal abstract string Canonical { get; }

    /// <summary>
    /// A custom loss (HNN-core's user-defined obj_fun): <paramref name="loss"/> gets each candidate's
    /// prepared simulation and returns a number to minimise. <paramref name="name"/> labels it in the
    /// outputs and in a resumed fit's bookkeeping: change the name when you change the function.
    /// </summary>
    public static FitObjective Custom(string name, Func<FitSimulation, double> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsControl(c) || c == ','))
            throw new ArgumentException($"objective name '{name}' is not allowed; allowed: a non-empty name without commas or control characters", nameof(name));
        return new Objectives.CustomObjective(name, loss);
    }
}
