using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>The colours HNN-core's plots use (docs/dev/api.md §5), so our figures read like theirs.</summary>
internal static class HnnColors
{
    /// <summary>
    /// plot_spikes_raster's default cell types, in its order, with the first four colours of
    /// Matplotlib's "tab10" cycle (docs/dev/api.md §5.1.3).
    /// </summary>
    public static readonly IReadOnlyList<(string Type, Color Color)> CellTypes =
    [
        ("L2_basket", Color.FromHex("#1f77b4")),
        ("L2_pyramidal", Color.FromHex("#ff7f0e")),
        ("L5_basket", Color.FromHex("#2ca02c")),
        ("L5_pyramidal", Color.FromHex("#d62728")),
    ];

    /// <summary>
    /// Drive (non-cell) spike types in the histogram: the rest of "tab10" after the four cell
    /// colours. HNN-core's own hist cycle (r, g, b, y, m, c) would put a pure red drive beside the
    /// L5_pyramidal red, and ours draws drives and cells together.
    /// </summary>
    public static readonly IReadOnlyList<Color> DriveCycle =
    [
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"),
        Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>plot_dipole's trial colour: black lightened in HLS, l → 1 − 0.5·(1 − l) = 0.5 (docs/dev/api.md §5.3).</summary>
    public static readonly Color Trial = new(128, 128, 128);

    /// <summary>plot_dipole's default average colour 'k'.</summary>
    public static readonly Color Average = Colors.Black;

    public static Color? ForCellType(string type)
    {
        foreach (var (name, color) in CellTypes)
            if (name == type) return color;
        return null;
    }
}
