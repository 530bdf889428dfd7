using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// A laminar LFP as HNN-core's plot_laminar_lfp draws it (docs/dev/extracellular.md §11): one trace per
/// contact over time, contact c shifted up by c · voltageOffset, y ticks labelled with the contacts'
/// depths, and a vertical scale bar in the top-left corner.
/// </summary>
internal static class LaminarLfpPlot
{
    public const int Width = DipolePlot.Width;
    public const int Height = 800;

    /// <summary>
    /// Writes a PNG of <paramref name="lfp"/>[contact, time] (µV) against <paramref name="times"/> (ms).
    /// <paramref name="depths"/> label the contacts (µm); offsets and the scale bar are in µV.
    /// </summary>
    public static void Save(string path, double[] times, double[,] lfp, double[] depths, string title,
        double voltageOffset = 50, double voltageScalebar = 200)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(lfp);
        ArgumentNullException.ThrowIfNull(depths);
        var (n, nt) = (lfp.GetLength(0), lfp.GetLength(1));
        if (n == 0 || nt < 2) throw new ArgumentException($"a laminar LFP plot needs at least one contact and two times, got {n} and {nt}", nameof(lfp));
        if (times.Length != nt) throw new ArgumentException($"times has {times.Length} values but the LFP has {nt}; one per sample", nameof(times));
        if (depths.Length != n) throw new ArgumentException($"depths has {depths.Length} values but the LFP has {n} contacts; one per contact", nameof(depths));
        if (!double.IsFinite(voltageOffset) || voltageOffset <= 0)
            throw new ArgumentException($"voltageOffset must be a finite number of µV > 0, got {voltageOffset}", nameof(voltageOffset));
        if (!double.IsFinite(voltageScalebar) || voltageScalebar <= 0)
            throw new ArgumentException($"voltageScalebar must be a finite number of µV > 0, got {voltageScalebar}", nameof(voltageScalebar));

        var plot = new Plot();
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("Time (ms)");
        plot.YLabel("Individual contact traces");
        var colormap = new ScottPlot.Colormaps.Viridis();
        var ticks = new Tick[n];
        for (var c = 0; c < n; c++)
        {
            var y = new double[nt];
            for (var k = 0; k < nt; k++) y[k] = lfp[c, k] + c * voltageOffset;
            var line = plot.Add.ScatterLine(times, y, colormap.GetColor(n > 1 ? (double)c / (n - 1) : 0.0));
            line.LineWidth = 1f;
            ticks[c] = new Tick(c * voltageOffset, depths[c].ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        var (t0, t1) = (times[0], times[^1]);
        // Scale bar: a vertical bar of voltageScalebar µV in the top-left corner, labelled.
        var top = n * voltageOffset - 0.05 * voltageOffset;
        var x = t0 + 0.01 * (t1 - t0);
        var bar = plot.Add.Line(x, top, x, top - voltageScalebar);
        bar.LineWidth = 3f;
        bar.Color = Colors.Black;
        var label = plot.Add.Text($"{voltageScalebar:0} µV", x + 0.005 * (t1 - t0), top - 0.5 * voltageScalebar);
        label.LabelFontSize = 12;
        label.LabelAlignment = Alignment.MiddleLeft;
        plot.Axes.SetLimits(t0, t1, -voltageOffset, n * voltageOffset);
        PngImage.Save(path, plot, Width, Height);
    }
}
