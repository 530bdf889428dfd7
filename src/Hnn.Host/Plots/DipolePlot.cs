using System.Globalization;
using Hnn.Biophysics.Recording;
using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// Current dipoles as HNN-core's plot_dipole(dpls, layer=['agg', 'L2', 'L5'], average=True) draws
/// them (docs/dev/api.md §5.3): one panel per layer, every trial thin grey, the trial mean bold black.
/// </summary>
public static class DipolePlot
{
    public const int Width = 1000;
    public const int PanelHeight = 300;

    /// <summary>The layers drawn, top to bottom, with plot_dipole's panel titles.</summary>
    public static readonly IReadOnlyList<(string Layer, string Title)> Layers =
    [
        (Dipole.Agg, "Aggregate (L2/3 + L5)"),
        (Dipole.L2, "L2/3"),
        (Dipole.L5, "L5"),
    ];

    /// <summary>
    /// Writes a PNG of <see cref="Width"/> × 3·<see cref="PanelHeight"/> px; <paramref name="title"/>
    /// heads the top panel. All trials must have the same times and scaling (their mean is drawn).
    /// </summary>
    public static void Save(string path, IReadOnlyList<Dipole> trials, string title)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(title);
        if (trials.Count == 0)
            throw new ArgumentException("trials must hold at least one Dipole (one per trial), got none", nameof(trials));
        Validate(trials);
        var average = Dipole.Average(trials);

        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        while (figure.Count() < Layers.Count) figure.AddPlot();
        var plots = figure.GetPlots();
        for (var i = 0; i < Layers.Count; i++)
        {
            var (layer, layerTitle) = Layers[i];
            DrawPanel(plots[i], trials, average, layer, i == 0 ? $"{title} — {layerTitle}" : layerTitle, isBottom: i == Layers.Count - 1);
        }
        figure.SharedAxes.ShareX(plots);
        PanelAlignment.AlignDataAreas(plots, Width, PanelHeight);
        PngImage.Save(path, figure, Width, PanelHeight * Layers.Count);
    }

    private static void Validate(IReadOnlyList<Dipole> trials)
    {
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i] ?? throw new ArgumentException($"trials[{i}] is null; every entry must be a Dipole", nameof(trials));
            foreach (var (layer, _) in Layers)
                if (!trial.Order.Contains(layer))
                    throw new ArgumentException(
                        $"trials[{i}] has columns [{string.Join(", ", trial.Order)}]; the plot needs {string.Join(", ", Layers.Select(l => l.Layer))}",
                        nameof(trials));
            if (trial.Times.Length != trials[0].Times.Length)
                throw new ArgumentException(
                    $"trials[{i}] has {trial.Times.Length} samples, trials[0] has {trials[0].Times.Length}; all trials must share their times",
                    nameof(trials));
            if (trial.ScaleApplied != trials[0].ScaleApplied)
                throw new ArgumentException(
                    $"All dipoles must be scaled equally! trials[{i}] is scaled by {trial.ScaleApplied}, trials[0] by {trials[0].ScaleApplied}",
                    nameof(trials));
        }
    }

    private static void DrawPanel(Plot plot, IReadOnlyList<Dipole> trials, Dipole average, string layer, string title, bool isBottom)
    {
        plot.HideGrid();
        plot.Title(title);
        plot.YLabel(YLabel(average.ScaleApplied));
        if (isBottom) plot.XLabel("Time (ms)");

        foreach (var trial in trials)
        {
            var line = plot.Add.ScatterLine(trial.Times, trial[layer], HnnColors.Trial.WithAlpha(0.5));
            line.LineWidth = 1.0f;
        }
        var mean = plot.Add.ScatterLine(average.Times, average[layer], HnnColors.Average);
        mean.LineWidth = 1.5f;
        mean.LegendText = "average";

        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsX(0, average.Times[^1]);
        if (limits.Bottom == limits.Top) plot.Axes.SetLimitsY(limits.Bottom - 1, limits.Top + 1);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>plot_dipole's y label: the scale factor, when one was applied, with 0 decimals.</summary>
    private static string YLabel(double scaleApplied) =>
        scaleApplied == 1.0
            ? "Dipole moment (nAm)"
            : $"Dipole moment\n(nAm × {scaleApplied.ToString("F0", CultureInfo.InvariantCulture)})";
}
