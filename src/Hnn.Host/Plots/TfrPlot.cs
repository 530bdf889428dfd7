using Hnn.Biophysics.Analysis;
using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// Morlet time–frequency power as HNN-core's plot_tfr_morlet draws it (docs/dev/spectra.md §6):
/// a heatmap over time (x, ms) and frequency (y, Hz) with a colour bar.
/// </summary>
internal static class TfrPlot
{
    public const int Width = DipolePlot.Width;
    public const int Height = 500;

    public static void Save(string path, TfrResult tfr, string title)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(tfr);
        var (nf, nt) = (tfr.Power.GetLength(0), tfr.Power.GetLength(1));
        if (nf == 0 || nt < 2) throw new ArgumentException($"a TFR plot needs at least one frequency and two times, got {nf} and {nt}", nameof(tfr));
        // Rows top to bottom: the highest frequency first, as the heatmap draws row 0 at the top.
        var rows = new double[nf, nt];
        for (var f = 0; f < nf; f++)
            for (var k = 0; k < nt; k++)
                rows[nf - 1 - f, k] = tfr.Power[f, k];
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("Time (ms)");
        plot.YLabel("Frequency (Hz)");
        var heatmap = plot.Add.Heatmap(rows);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var (f0, f1) = (tfr.Frequencies[0], tfr.Frequencies[^1]);
        var halfStep = nf > 1 ? 0.5 * (f1 - f0) / (nf - 1) : 0.5;
        // Position gives the centres of the corner cells; the drawn area is one cell larger, so each row is centred on its frequency.
        heatmap.Position = new CoordinateRect(tfr.Times[0], tfr.Times[^1], f0, f1);
        plot.Add.ColorBar(heatmap).Label = "Power (nAm²)";
        plot.Axes.SetLimits(tfr.Times[0], tfr.Times[^1], f0 - halfStep, f1 + halfStep);
        PngImage.Save(path, plot, Width, Height);
    }
}
