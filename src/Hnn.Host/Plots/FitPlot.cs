using Hnn.Biophysics.Recording;

namespace Hnn.Host.Plots;

// TEMPORARY placeholder until wip-spectra merges (take theirs).
internal static class FitPlot
{
    public static void Save(string path, Dipole target, Dipole best, Dipole? initial, string column, string title) { }
}
