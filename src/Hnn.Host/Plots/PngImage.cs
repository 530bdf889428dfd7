using Hnn.Host.Files;
using ScottPlot;

namespace Hnn.Host.Plots;

/// <summary>Writes a rendered figure as PNG, atomically: a reader never sees half an image.</summary>
internal static class PngImage
{
    public static void Save(string path, Plot plot, int width, int height) =>
        AtomicFile.WriteBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));

    public static void Save(string path, Multiplot figure, int width, int height)
    {
        using var image = figure.Render(width, height);
        AtomicFile.WriteBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }
}
