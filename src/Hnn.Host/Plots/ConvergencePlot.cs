namespace Hnn.Host.Plots;

// TEMPORARY placeholder until wip-spectra merges (take theirs).
internal static class ConvergencePlot
{
    public static void Save(string path, IReadOnlyList<double> losses, string lossLabel, IReadOnlyList<int>? generationStarts = null) { }
}
