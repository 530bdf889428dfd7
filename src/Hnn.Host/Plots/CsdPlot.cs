using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// A laminar current source density as HNN-core's plot_laminar_csd draws it (docs/dev/extracellular.md §11):
/// a heatmap over time (x, ms) and contact depth (y, µm) in the "jet" colours, sinks blue by default,
/// colour limits ±max|CSD| unless given, with a colour bar. Rows are the contacts themselves (no spline
/// resampling).
/// </summary>
internal static class CsdPlot
{
    public const int Width = DipolePlot.Width;
    public const int Height = 600;

    /// <summary>
    /// Writes a PNG of <paramref name="csd"/>[contact, time] (µV/µm², from
    /// Hnn.Biophysics.Extracellular.CurrentSourceDensity) against <paramref name="times"/> (ms) and the
    /// contacts' equally spaced <paramref name="depths"/> (µm). <paramref name="sink"/> "b" draws sinks
    /// (negative values) blue, "r" red.
    /// </summary>
    public static void Save(string path, double[] times, double[,] csd, double[] depths, string title,
        string sink = "b", double? vmin = null, double? vmax = null)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(csd);
        ArgumentNullException.ThrowIfNull(depths);
        var (n, nt) = (csd.GetLength(0), csd.GetLength(1));
        if (n < 2 || nt < 2) throw new ArgumentException($"a CSD plot needs at least two contacts and two times, got {n} and {nt}", nameof(csd));
        if (times.Length != nt) throw new ArgumentException($"times has {times.Length} values but the CSD has {nt}; one per sample", nameof(times));
        if (depths.Length != n) throw new ArgumentException($"depths has {depths.Length} values but the CSD has {n} contacts; one per contact", nameof(depths));
        if (sink is not ("b" or "r")) throw new ArgumentException($"sink must be 'b' (sinks blue) or 'r' (sinks red), got '{sink}'", nameof(sink));

        // Heatmap row 0 is drawn at the top: the deepest-numbered (largest z) contact first.
        var order = Enumerable.Range(0, n).OrderByDescending(c => depths[c]).ToArray();
        var rows = new double[n, nt];
        var peak = 0.0;
        for (var r = 0; r < n; r++)
            for (var k = 0; k < nt; k++)
            {
                rows[r, k] = csd[order[r], k];
                if (double.IsFinite(rows[r, k])) peak = Math.Max(peak, Math.Abs(rows[r, k]));
            }
        var lo = vmin ?? -peak;
        var hi = vmax ?? peak;
        if (!(hi > lo)) (lo, hi) = (lo - 1, lo + 1);

        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("Time (ms)");
        plot.YLabel("Electrode depth (µm)");
        var heatmap = plot.Add.Heatmap(rows);
        IColormap jet = new ScottPlot.Colormaps.Jet();
        heatmap.Colormap = sink == "b" ? jet : new Reversed(jet);
        heatmap.ManualRange = new ScottPlot.Range(lo, hi);
        var (z0, z1) = (depths.Min(), depths.Max());
        var half = 0.5 * (z1 - z0) / (n - 1);
        heatmap.Position = new CoordinateRect(times[0], times[^1], z0, z1);
        plot.Add.ColorBar(heatmap).Label = "CSD (µV/µm²)";
        plot.Axes.SetLimits(times[0], times[^1], z0 - half, z1 + half);
        PngImage.Save(path, plot, Width, Height);
    }

    private sealed class Reversed(IColormap inner) : IColormap
    {
        public string Name => inner.Name + " (reversed)";

        public Color GetColor(double position) => inner.GetColor(1.0 - position);
    }
}
