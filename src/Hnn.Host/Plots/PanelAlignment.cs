using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>
/// Stacked panels share a time axis, so their data areas must start and end at the same pixel
/// columns whatever the width of each panel's y tick labels (−3,000,000 vs 0.01).
/// </summary>
internal static class PanelAlignment
{
    /// <summary>Lays every panel out on its own, then gives all of them the largest margins found.</summary>
    public static void AlignDataAreas(IReadOnlyList<Plot> panels, int width, int panelHeight)
    {
        float left = 0, right = 0, top = 0, bottom = 0;
        foreach (var panel in panels)
        {
            panel.Layout.Default();
            panel.RenderInMemory(width, panelHeight);
            var data = panel.LastRender.DataRect;
            left = Math.Max(left, data.Left);
            right = Math.Max(right, width - data.Right);
            top = Math.Max(top, data.Top);
            bottom = Math.Max(bottom, panelHeight - data.Bottom);
        }
        // Room on the right for the last x tick label, which the automatic layout may clip.
        right = Math.Max(right, 25);
        foreach (var panel in panels)
            panel.Layout.Fixed(new PixelPadding(left, right, bottom, top));
    }
}
