namespace Hnn.Biophysics.Analysis;

// TEMPORARY placeholder until wip-spectra merges (take theirs).
internal static class BandPower
{
    internal static double Relative(Recording.Dipole dipole, string column, IReadOnlyList<(double FMin, double FMax, double Weight)> bands) => throw new NotImplementedException();
}
