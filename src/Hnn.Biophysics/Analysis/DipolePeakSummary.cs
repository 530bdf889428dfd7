using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// The largest |agg| of the prepared trial-average dipole and when it occurs (docs/dev/dipole.md §10.2).
/// </summary>
internal sealed class DipolePeakSummary(DipolePreparation preparation, string? label) : SummarySpec
{
    public const string Kind = "dipole_peak";

    public override string Name => Kind;

    public override string Canonical => CanonicalJson.Write(Kind, w =>
    {
        CanonicalJson.NullableString(w, "name", label);
        preparation.WriteTo(w);
    });

    public override IReadOnlyList<string> Columns(IReadOnlyList<string> cellTypes) =>
        [SummaryLabel.Column("dipole_peak", label), SummaryLabel.Column("dipole_peak_time", label)];

    public override IReadOnlyList<double> Compute(SummaryInput input)
    {
        var average = TrialAverageDipole.Of(input.Dipoles, Dipole.Agg, preparation.Scale, preparation.SmoothMs);
        var agg = average[Dipole.Agg];
        var best = 0;
        for (var k = 1; k < agg.Length; k++)
            if (Math.Abs(agg[k]) > Math.Abs(agg[best])) best = k;
        return [Math.Abs(agg[best]), average.Times[best]];
    }
}
