using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// Spike rasters as HNN-core's plot_spikes_raster draws them (docs/dev/api.md §5.1), one panel per
/// network stacked on a shared time axis, as the replay tutorial's figure (A above B).
/// </summary>
public static class SpikeRasterPlot
{
    /// <summary>Image width; with <see cref="PanelHeight"/> two panels give the tutorial's 10×12 in at 100 dpi.</summary>
    public const int Width = 1000;
    public const int PanelHeight = 600;

    /// <summary>Tick length in gids: CellResponse.plot_spikes_raster's marker_size default (docs/dev/api.md §5.1.4).</summary>
    private const double TickLengthGids = 5.0;
    private const double MaxTickFraction = 0.03;

    // Margins (px) around the data area: the layout is fixed, so the tick length can be computed from it.
    private static readonly PixelPadding Margins = new(left: 70, right: 30, bottom: 55, top: 40);

    /// <summary>
    /// Writes the raster as a PNG of <see cref="Width"/> × (<see cref="PanelHeight"/> · panels) px:
    /// x = time 0…<paramref name="tstop"/> ms, y = −gid (gid 0 on top, as HNN-core), one row of
    /// tick marks per gid, coloured per cell type. Drive spikes are not drawn, as HNN-core's default.
    /// </summary>
    public static void Save(string path, IReadOnlyList<RasterPanel> panels, double tstop)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
            throw new ArgumentException("panels must hold at least one RasterPanel (one per network), got none", nameof(panels));
        PlotArguments.RequirePositiveTime(tstop, nameof(tstop));
        for (var i = 0; i < panels.Count; i++) Validate(panels[i], i);

        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        while (figure.Count() < panels.Count) figure.AddPlot();
        var plots = figure.GetPlots();
        for (var i = 0; i < panels.Count; i++)
            DrawPanel(plots[i], panels[i], tstop, isBottom: i == panels.Count - 1);
        figure.SharedAxes.ShareX(plots);
        PngImage.Save(path, figure, Width, PanelHeight * panels.Count);
    }

    private static void Validate(RasterPanel? panel, int index)
    {
        var name = $"panels[{index}]";
        if (panel is null) throw new ArgumentException($"{name} is null; every entry must be a RasterPanel", "panels");
        if (panel.SpikeTimes is null || panel.SpikeGids is null || panel.SpikeTypes is null)
            throw new ArgumentException($"{name} ('{panel.Title}'): SpikeTimes, SpikeGids and SpikeTypes must be arrays (empty for no spikes), got null", "panels");
        PlotArguments.RequireSpikeColumns($"{name} ('{panel.Title}')", panel.SpikeTimes.Length, panel.SpikeTypes.Length, "panels", panel.SpikeGids.Length);
    }

    private static void DrawPanel(Plot plot, RasterPanel panel, double tstop, bool isBottom)
    {
        plot.Layout.Fixed(Margins);
        plot.HideGrid();
        plot.Title(panel.Title ?? "");
        plot.YLabel("Cell ID");
        if (isBottom) plot.XLabel("Time (ms)");
        // HNN-core hides the y tick labels: −gid values would only confuse.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();

        var (lowGid, highGid) = GidRange(panel);
        var span = Math.Max(highGid - lowGid, 1);
        var pad = Math.Max(TickLengthGids, 0.02 * span);
        var yMin = -(highGid + pad);
        var yMax = -(lowGid - pad);
        var dataHeightPx = PanelHeight - Margins.Top - Margins.Bottom;
        // Capped so that in a tiny network (a few dozen gids) a tick does not span a whole layer.
        var tickPx = (float)Math.Clamp(TickLengthGids / (yMax - yMin) * dataHeightPx, 2.0, MaxTickFraction * dataHeightPx);

        var legendItems = new List<LegendItem>();
        foreach (var (type, color) in HnnColors.CellTypes)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var k = 0; k < panel.SpikeTimes.Length; k++)
            {
                if (panel.SpikeTypes[k] != type) continue;
                xs.Add(panel.SpikeTimes[k]);
                ys.Add(-panel.SpikeGids[k]);
            }
            // A type without spikes keeps its legend entry through one tick outside the axes,
            // as HNN-core's dummy tick at (−1, −1).
            if (xs.Count == 0) { xs.Add(-1); ys.Add(yMax + 10 * span); }
            var ticks = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.VerticalBar, tickPx, color);
            ticks.MarkerLineWidth = 1.2f;
            // Legend symbols of one size whatever the tick length.
            legendItems.Add(new LegendItem
            {
                LabelText = $"{type} Spikes", MarkerShape = MarkerShape.VerticalBar, MarkerSize = 12,
                MarkerColor = color, MarkerLineWidth = 2,
            });
        }

        plot.Axes.SetLimits(0, tstop, yMin, yMax);
        var legend = plot.ShowLegend(legendItems, Alignment.LowerLeft);
        legend.BackgroundColor = Colors.White.WithAlpha(0.75);
    }

    /// <summary>Lowest and highest gid among the drawn (cell-type) spikes; (0, 1) when there are none.</summary>
    private static (double Low, double High) GidRange(RasterPanel panel)
    {
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        for (var k = 0; k < panel.SpikeGids.Length; k++)
        {
            if (HnnColors.ForCellType(panel.SpikeTypes[k]) is null) continue;
            low = Math.Min(low, panel.SpikeGids[k]);
            high = Math.Max(high, panel.SpikeGids[k]);
        }
        return double.IsInfinity(low) ? (0, 1) : (low, high);
    }
}
