using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The trial-averaged dipole the dipole summaries look at, prepared in HNN-core's optimiser order
/// (docs/dev/dipole.md §10.1): each trial scaled, then smoothed, then the trials averaged.
/// Works on copies of one column, so the job's dipoles stay as they were.
/// </summary>
internal static class TrialAverageDipole
{
    public static Dipole Of(IReadOnlyList<Dipole> dipoles, string column, double scale, double? smoothMs)
    {
        if (dipoles.Count == 0) throw new ArgumentException("a dipole summary needs at least one trial's dipole", nameof(dipoles));
        var prepared = new Dipole[dipoles.Count];
        for (var i = 0; i < dipoles.Count; i++)
        {
            var d = dipoles[i];
            var copy = new Dipole((double[])d.Times.Clone(), new Dictionary<string, double[]> { [column] = (double[])d[column].Clone() },
                d.Nave, d.ScaleApplied);
            if (scale != 1.0) copy.Scale(scale);
            if (smoothMs is { } window) copy.Smooth(window);
            prepared[i] = copy;
        }
        return Dipole.Average(prepared);
    }
}
