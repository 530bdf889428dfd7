namespace Hnn.Biophysics.Fitting;

/// <summary>
/// One point a solver asked for, as a runnable experiment: its physical parameter values (in the
/// fit's parameter order), the experiment file's text (canonical, without postproc: the fit
/// prepares the dipole itself), the key by which a resumed fit finds its loss, and the parsed
/// experiment, or why the experiment refuses these values.
/// </summary>
internal sealed record FitCandidate(
    IReadOnlyList<double> Values, string ExperimentJson, string Key, Experiment.ExperimentSpec? Experiment, string? Error)
{
    public IReadOnlyDictionary<string, double> ByPath(IReadOnlyList<FitParameter> parameters) =>
        parameters.Select((p, i) => (p.Path, Value: Values[i])).ToDictionary(x => x.Path, x => x.Value);
}
