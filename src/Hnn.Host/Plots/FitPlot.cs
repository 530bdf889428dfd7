using System.Globalization;
using Hnn.Biophysics.Recording;
using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// What <c>hnn fit</c> achieved, in one panel: the target dipole, the best simulated one and,
/// when given, the simulation of the initial parameters, over time.
/// </summary>
internal static class FitPlot
{
    public const int Width = DipolePlot.Width;
    public const int Height = 500;

    /// <summary>
    /// Writes a PNG of <see cref="Width"/> × <see cref="Height"/> px: <paramref name="column"/> of the
    /// target (black), the best fit (red) and the initial simulation (grey, dashed) against time (ms).
    /// The dipoles may have different time grids (a target file is often coarser).
    /// </summary>
    public static void Save(string path, Dipole target, Dipole best, Dipole? initial, string column, string title)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(title);
        RequireColumn(target, column, nameof(target));
        RequireColumn(best, column, nameof(best));
        if (initial is not null) RequireColumn(initial, column, nameof(initial));

        var plot = new Plot();
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("Time (ms)");
        plot.YLabel(YLabel(best.ScaleApplied));
        // Drawn first, so the target and the best fit lie on top of it.
        if (initial is not null)
        {
            var start = plot.Add.ScatterLine(initial.Times, initial[column], HnnColors.Trial);
            start.LinePattern = LinePattern.Dashed;
            start.LineWidth = 1.5f;
            start.LegendText = "initial";
        }
        var fit = plot.Add.ScatterLine(best.Times, best[column], Colors.Red);
        fit.LineWidth = 1.5f;
        fit.LegendText = "best fit";
        var goal = plot.Add.ScatterLine(target.Times, target[column], Colors.Black);
        goal.LineWidth = 1.5f;
        goal.LegendText = "target";

        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        if (limits.Bottom == limits.Top) plot.Axes.SetLimitsY(limits.Bottom - 1, limits.Top + 1);
        plot.ShowLegend(Alignment.UpperRight);
        PngImage.Save(path, plot, Width, Height);
    }

    private static void RequireColumn(Dipole dipole, string column, string argument)
    {
        if (!dipole.Order.Contains(column))
            throw new ArgumentException($"{argument} has no column '{column}'; its columns: {string.Join(", ", dipole.Order)}", argument);
    }

    /// <summary>As plot_dipole labels it: the scale factor, when one was applied, with 0 decimals.</summary>
    private static string YLabel(double scaleApplied) =>
        scaleApplied == 1.0
            ? "Dipole moment (nAm)"
            : $"Dipole moment (nAm × {scaleApplied.ToString("F0", CultureInfo.InvariantCulture)})";
}
