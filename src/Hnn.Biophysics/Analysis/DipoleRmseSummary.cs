using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Analysis;

/// <summary>
/// RMSE between the prepared trial-average dipole and a target read from a file at parse time
/// (docs/dev/dipole.md §10.1, §8).
/// </summary>
internal sealed class DipoleRmseSummary(
    Dipole target, string targetSha256, DipolePreparation preparation, string column, double? tstart, double? tstop, string? label) : SummarySpec
{
    public const string Kind = "dipole_rmse";

    public override string Name => Kind;

    public override string Canonical => CanonicalJson.Write(Kind, w =>
    {
        w.WriteString("column", column);
        CanonicalJson.NullableString(w, "name", label);
        preparation.WriteTo(w);
        w.WriteString("target_sha256", targetSha256);
        CanonicalJson.NullableNumber(w, "tstart", tstart);
        CanonicalJson.NullableNumber(w, "tstop", tstop);
    });

    public override IReadOnlyList<string> Columns(IReadOnlyList<string> cellTypes) => [SummaryLabel.Column("dipole_rmse", label)];

    public override IReadOnlyList<double> Compute(SummaryInput input)
    {
        var average = TrialAverageDipole.Of(input.Dipoles, column, preparation.Scale, preparation.SmoothMs);
        return [DipoleRmse.Compute(average, target, tstart, tstop, column)];
    }
}
