using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The relative power in one band of the prepared trial-average agg dipole (docs/dev/spectra.md §3):
/// weight · Σ P[fmin ≤ f ≤ fmax] / Σ P, positive (HNN-core's maximize_psd objective negated).
/// </summary>
internal sealed class PsdBandSummary(double fmin, double fmax, double weight, DipolePreparation preparation, string? label) : SummarySpec
{
    public const string Kind = "psd_band";

    public override string Name => Kind;

    public override string Canonical => CanonicalJson.Write(Kind, w =>
    {
        CanonicalJson.NullableString(w, "name", label);
        w.WriteNumber("fmin", fmin);
        w.WriteNumber("fmax", fmax);
        w.WriteNumber("weight", weight);
        preparation.WriteTo(w);
    });

    public override IReadOnlyList<string> Columns(IReadOnlyList<string> cellTypes) => [SummaryLabel.Column(Kind, label)];

    public override IReadOnlyList<double> Compute(SummaryInput input)
    {
        var average = TrialAverageDipole.Of(input.Dipoles, Dipole.Agg, preparation.Scale, preparation.SmoothMs);
        return [BandPower.Relative(average, Dipole.Agg, [(fmin, fmax, weight)])];
    }
}
