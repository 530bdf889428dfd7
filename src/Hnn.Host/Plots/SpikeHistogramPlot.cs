using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// Spike counts over time per spike type, as HNN-core's plot_spikes_hist (docs/dev/api.md §5.2) but with
/// bins of a given width and every type, cell types in the raster's colours.
/// </summary>
public static class SpikeHistogramPlot
{
    public const int Width = 1000;
    public const int Height = 500;

    /// <summary>
    /// Writes a PNG of <see cref="Width"/> × <see cref="Height"/> px: one step line per spike type,
    /// counts per bin of <paramref name="binMs"/> ms over 0…<paramref name="tstop"/> (the last bin
    /// may be shorter and includes tstop; spikes outside 0…tstop are not counted). Cell types use
    /// the raster's colours; drives the rest of Matplotlib's "tab10".
    /// </summary>
    public static void Save(string path, double[] spikeTimes, string[] spikeTypes, double tstop, double binMs = 5)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(spikeTimes);
        ArgumentNullException.ThrowIfNull(spikeTypes);
        PlotArguments.RequirePositiveTime(tstop, nameof(tstop));
        PlotArguments.RequirePositiveTime(binMs, nameof(binMs));
        if (binMs > tstop)
            throw new ArgumentException($"binMs must be > 0 and at most tstop ({tstop} ms), got {binMs}", nameof(binMs));
        PlotArguments.RequireSpikeColumns("spikes", spikeTimes.Length, spikeTypes.Length, nameof(spikeTypes));

        var edges = BinEdges(tstop, binMs);
        var plot = new Plot();
        plot.HideGrid();
        plot.Title("Spike histogram");
        plot.XLabel("Time (ms)");
        plot.YLabel("Counts");
        var driveColor = 0;
        double maxCount = 0;
        foreach (var type in TypesInPlotOrder(spikeTypes))
        {
            var counts = Count(spikeTimes, spikeTypes, type, edges);
            maxCount = Math.Max(maxCount, counts.Max());
            // A step line needs the last count repeated at the right edge to close its last bin.
            var ys = counts.Append(counts[^1]).ToArray();
            var color = HnnColors.ForCellType(type) ?? HnnColors.DriveCycle[driveColor++ % HnnColors.DriveCycle.Count];
            var line = plot.Add.ScatterLine(edges, ys, color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 1.5f;
            line.LegendText = type;
        }
        plot.Axes.SetLimits(0, tstop, 0, Math.Max(1, maxCount * 1.08));
        plot.ShowLegend(Alignment.UpperRight);
        PngImage.Save(path, plot, Width, Height);
    }

    private static double[] BinEdges(double tstop, double binMs)
    {
        // Tolerance so that e.g. 170 / 5 gives 34 bins, not 35 with a sliver.
        var bins = Math.Max(1, (int)Math.Ceiling(tstop / binMs - 1e-9));
        var edges = new double[bins + 1];
        for (var b = 0; b < bins; b++) edges[b] = b * binMs;
        edges[bins] = tstop;
        return edges;
    }

    private static double[] Count(double[] times, string[] types, string type, double[] edges)
    {
        var counts = new double[edges.Length - 1];
        var binMs = edges[1] - edges[0];
        for (var k = 0; k < times.Length; k++)
        {
            if (types[k] != type || !(times[k] >= 0) || times[k] > edges[^1]) continue;
            counts[Math.Min((int)(times[k] / binMs), counts.Length - 1)]++;
        }
        return counts;
    }

    /// <summary>HNN-core's cell types in their raster order, then the other (drive) types by name.</summary>
    private static IEnumerable<string> TypesInPlotOrder(string[] spikeTypes)
    {
        var present = new HashSet<string>(spikeTypes.Where(t => t is not null));
        foreach (var (type, _) in HnnColors.CellTypes)
            if (present.Remove(type)) yield return type;
        foreach (var type in present.Order(StringComparer.Ordinal)) yield return type;
    }
}
