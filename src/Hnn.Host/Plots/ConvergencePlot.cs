using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// How a fit's loss went down: the best loss so far after each simulation (a step line) over
/// every simulation's own loss (faint dots), optionally with the starts of the optimiser's generations.
/// </summary>
internal static class ConvergencePlot
{
    public const int Width = DipolePlot.Width;
    public const int Height = 500;

    /// <summary>
    /// Writes a PNG of <see cref="Width"/> × <see cref="Height"/> px. <paramref name="losses"/> are in
    /// simulation order (simulation 1 first); NaN and infinite losses (failed simulations) are not
    /// drawn and do not count for the best so far.
    /// </summary>
    /// <param name="generationStarts">1-based numbers of the simulations that start a generation, each in 1…losses.Count; drawn as faint vertical lines.</param>
    public static void Save(string path, IReadOnlyList<double> losses, string lossLabel, IReadOnlyList<int>? generationStarts = null)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(lossLabel);
        if (losses.Count == 0) throw new ArgumentException("losses must hold at least one simulation's loss, got none", nameof(losses));
        if (generationStarts is not null)
            foreach (var start in generationStarts)
                if (start < 1 || start > losses.Count)
                    throw new ArgumentException($"generation starts are simulation numbers 1…{losses.Count}, got {start}", nameof(generationStarts));

        var plot = new Plot();
        plot.HideGrid();
        plot.Title("Convergence");
        plot.XLabel("Simulation");
        plot.YLabel(lossLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (generationStarts is not null)
            foreach (var start in generationStarts)
            {
                var line = plot.Add.VerticalLine(start, 1, HnnColors.Trial.WithAlpha(0.35));
                line.LinePattern = LinePattern.Dotted;
            }

        var (xs, ys, bestXs, bestYs) = Series(losses);
        if (xs.Length > 0)
        {
            var dots = plot.Add.ScatterPoints(xs, ys, Colors.Black.WithAlpha(0.4));
            dots.MarkerSize = 5;
            dots.LegendText = "each simulation";
            var best = plot.Add.ScatterLine(bestXs, bestYs, Colors.Red);
            best.ConnectStyle = ConnectStyle.StepHorizontal;
            best.LineWidth = 2f;
            best.LegendText = "best so far";
            plot.ShowLegend(Alignment.UpperRight);
        }
        else
        {
            plot.Title("Convergence: no simulation gave a finite loss");
        }

        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsX(0.5, losses.Count + 0.5);
        if (xs.Length == 0) plot.Axes.SetLimitsY(0, 1);
        else if (limits.Bottom == limits.Top) plot.Axes.SetLimitsY(limits.Bottom - 1, limits.Top + 1);
        PngImage.Save(path, plot, Width, Height);
    }

    /// <summary>
    /// The finite losses with their simulation numbers, and the running minimum from the first finite
    /// one on; its last value is repeated half a simulation further, so that the final step shows.
    /// </summary>
    private static (double[] Xs, double[] Ys, double[] BestXs, double[] BestYs) Series(IReadOnlyList<double> losses)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var bestXs = new List<double>();
        var bestYs = new List<double>();
        var best = double.NaN;
        for (var i = 0; i < losses.Count; i++)
        {
            var loss = losses[i];
            if (double.IsFinite(loss))
            {
                xs.Add(i + 1);
                ys.Add(loss);
                if (!(loss >= best)) best = loss;
            }
            if (!double.IsNaN(best))
            {
                bestXs.Add(i + 1);
                bestYs.Add(best);
            }
        }
        if (bestXs.Count > 0)
        {
            bestXs.Add(losses.Count + 0.5);
            bestYs.Add(best);
        }
        return ([.. xs], [.. ys], [.. bestXs], [.. bestYs]);
    }
}
