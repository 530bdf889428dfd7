using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Fitting.Objectives;

/// <summary>
/// HNN-core's "dipole_rmse" objective (docs/dev/fitting.md §2): the RMSE between the candidate's
/// prepared trial-average dipole and the target over tstart … tstop (default 0 … the run's tstop,
/// as HNN-core passes them), the longer series resampled to the shorter (docs/dev/dipole.md §8).
/// </summary>
internal sealed class DipoleRmseObjective(Dipole target, string targetSha256, string column, double? tstart, double? tstop) : FitObjective
{
    public const string Kind = "dipole_rmse";

    public Dipole Target => target;

    public string Column => column;

    public override string Name => Kind;

    public override double Loss(FitSimulation simulation) =>
        DipoleRmse.Compute(simulation.Average, target, tstart ?? 0.0, tstop ?? simulation.TStop, column);

    internal override string Canonical => CanonicalJson.Write(Kind, w =>
    {
        w.WriteString("column", column);
        w.WriteString("target_sha256", targetSha256);
        CanonicalJson.NullableNumber(w, "tstart", tstart);
        CanonicalJson.NullableNumber(w, "tstop", tstop);
    });
}
