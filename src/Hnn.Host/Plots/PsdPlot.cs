using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// A power spectral density as HNN-core's plot_psd draws it (docs/dev/spectra.md §4): one line
/// over frequency, the x-range limited to [fmin, fmax].
/// </summary>
internal static class PsdPlot
{
    public const int Width = DipolePlot.Width;
    public const int Height = 500;

    /// <summary>plot_psd's default line colour: Matplotlib's first cycle colour (tab:blue).</summary>
    private static readonly Color LineColor = Color.FromHex("#1f77b4");

    /// <summary>
    /// Writes a PNG of <see cref="Width"/> × <see cref="Height"/> px of <paramref name="power"/>
    /// against <paramref name="freqs"/> (Hz), shown from <paramref name="fmin"/> to
    /// <paramref name="fmax"/> (default: the last frequency, Nyquist). The y-range fits the bins shown.
    /// </summary>
    public static void Save(string path, double[] freqs, double[] power, string title, double fmin = 0, double? fmax = null)
    {
        PlotArguments.RequirePath(path, nameof(path));
        ArgumentNullException.ThrowIfNull(freqs);
        ArgumentNullException.ThrowIfNull(power);
        ArgumentNullException.ThrowIfNull(title);
        if (freqs.Length == 0) throw new ArgumentException("freqs must hold at least one frequency, got none", nameof(freqs));
        if (power.Length != freqs.Length)
            throw new ArgumentException($"power has {power.Length} values but there are {freqs.Length} frequencies; one per frequency", nameof(power));
        if (!double.IsFinite(fmin) || fmin < 0) throw new ArgumentException($"fmin must be a finite frequency ≥ 0 Hz, got {fmin}", nameof(fmin));
        var upper = fmax ?? freqs[^1];
        if (!double.IsFinite(upper) || upper <= fmin)
            throw new ArgumentException($"fmax must be a finite frequency > fmin ({fmin} Hz), got {upper}", nameof(fmax));

        var plot = new Plot();
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("Frequency (Hz)");
        plot.YLabel("Power spectral density (nAm² Hz⁻¹)");
        var line = plot.Add.ScatterLine(freqs, power, LineColor);
        line.LineWidth = 1.5f;

        var top = 0.0;
        for (var k = 0; k < freqs.Length; k++)
            if (freqs[k] >= fmin && freqs[k] <= upper && double.IsFinite(power[k])) top = Math.Max(top, power[k]);
        plot.Axes.SetLimits(fmin, upper, 0, top > 0 ? top * 1.05 : 1);
        PngImage.Save(path, plot, Width, Height);
    }
}
