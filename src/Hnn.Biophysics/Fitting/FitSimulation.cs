using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Fitting;

/// <summary>
/// What a fit's objective sees of one candidate's simulation (docs/fit-file.md "Objective"): the
/// candidate's parameter values, its trials, each trial's dipole prepared as the fit's "postproc"
/// says (scaled, then smoothed, as HNN-core's optimiser does), their average, and the network's
/// cell types.
/// </summary>
public sealed record FitSimulation(
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyList<TrialResult> Trials,
    IReadOnlyList<Dipole> Dipoles,
    Dipole Average,
    IReadOnlyList<string> CellTypes,
    double TStop)
{
    /// <summary>
    /// Prepares raw trial dipoles (nA·m, baseline renormalised) in HNN-core's optimiser order
    /// (docs/dev/fitting.md §2): every trial scaled, then smoothed, then averaged. The inputs are not changed.
    /// </summary>
    internal static FitSimulation Prepare(IReadOnlyDictionary<string, double> parameters, IReadOnlyList<TrialResult> trials,
        IReadOnlyList<Dipole> raw, Experiment.PostprocEntry? postproc, IReadOnlyList<string> cellTypes, double tstop)
    {
        if (raw.Count == 0) throw new ArgumentException("a fit needs at least one trial's dipole", nameof(raw));
        var prepared = new Dipole[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            var d = raw[i];
            var copy = new Dipole((double[])d.Times.Clone(), d.Order.ToDictionary(c => c, c => (double[])d[c].Clone()), d.Nave, d.ScaleApplied);
            if (postproc?.Scale is { } factor) copy.Scale(factor);
            if (postproc?.SmoothMs is { } window and > 0) copy.Smooth(window);
            prepared[i] = copy;
        }
        return new FitSimulation(parameters, trials, prepared, Dipole.Average(prepared), cellTypes, tstop);
    }
}
