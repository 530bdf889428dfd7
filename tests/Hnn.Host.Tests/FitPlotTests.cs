using System.Buffers.Binary;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Hnn.Host.Plots;
using SkiaSharp;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// The plots of <c>hnn fit</c> (FitPlot, ConvergencePlot) and the PSD plot: each writes a real PNG of
/// its documented size (signature, IHDR, IEND), its lines are there (pixels of their colours), and
/// bad arguments are refused by name.
/// </summary>
public sealed class FitPlotTests(ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the signature, IHDR (first chunk) and IEND (last) and returns the image size.</summary>
    private (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        output.WriteLine($"{Path.GetFileName(path)}: {bytes.Length} bytes");
        Assert.True(bytes.Length > 1000, $"{path}: {bytes.Length} bytes is too small for a drawn plot");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Pixels within 40 of <paramref name="color"/> in each channel (anti-aliasing blurs a line's edges).</summary>
    private static int PixelsNear(string path, SKColor color)
    {
        using var bitmap = SKBitmap.Decode(path);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) < 40 && Math.Abs(p.Green - color.Green) < 40 && Math.Abs(p.Blue - color.Blue) < 40) count++;
            }
        return count;
    }

    private static Dipole Wave(double dt, double tstop, double shift, double amplitude = 50)
    {
        var times = Enumerable.Range(0, (int)Math.Round(tstop / dt) + 1).Select(k => k * dt).ToArray();
        double[] Values(double a) => [.. times.Select(t => a * Math.Exp(-Math.Pow((t - 60 - shift) / 10, 2)) + 5 * Math.Sin(t / 7))];
        return new Dipole(times, new Dictionary<string, double[]> { [Dipole.Agg] = Values(amplitude), [Dipole.L2] = Values(-0.3 * amplitude), [Dipole.L5] = Values(1.3 * amplitude) });
    }

    [Fact]
    public void FitPlotDrawsTargetBestAndInitial()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "fit.png");
        var target = new Dipole([.. Enumerable.Range(0, 171).Select(k => (double)k)], new Dictionary<string, double[]> { [Dipole.Agg] = Wave(1.0, 170, 0).Scale(3000)[Dipole.Agg] });
        FitPlot.Save(path, target, Wave(0.025, 170, 3).Scale(3000), Wave(0.025, 170, 15, 20).Scale(3000), Dipole.Agg, "ERP fit");
        Assert.Equal((FitPlot.Width, FitPlot.Height), PngSize(path));
        Assert.Equal((1000, 500), PngSize(path));
        var red = PixelsNear(path, SKColors.Red);
        output.WriteLine($"red (best fit) pixels: {red}");
        Assert.True(red > 200, $"only {red} red pixels: the best fit is not drawn");
    }

    [Fact]
    public void FitPlotWithoutInitialOfAnotherColumn()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "fit.png");
        FitPlot.Save(path, Wave(0.5, 100, 0), Wave(0.5, 100, 2), null, Dipole.L5, "L5");
        Assert.Equal((1000, 500), PngSize(path));
    }

    [Fact]
    public void FitPlotRefusesAMissingColumn()
    {
        var aggOnly = new Dipole([0.0, 1.0], new Dictionary<string, double[]> { [Dipole.Agg] = [1.0, 2.0] });
        var e = Assert.Throws<ArgumentException>(() => FitPlot.Save("f.png", aggOnly, Wave(0.5, 10, 0), null, Dipole.L2, "x"));
        output.WriteLine(e.Message);
        Assert.Equal("target", e.ParamName);
        Assert.Contains("no column 'L2'; its columns: agg", e.Message);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => FitPlot.Save("", aggOnly, aggOnly, null, Dipole.Agg, "x")).ParamName);
    }

    [Fact]
    public void ConvergencePlotSkipsNaNAndInfiniteLossesAndDrawsGenerations()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "convergence.png");
        double[] losses = [double.NaN, 9.0, 7.5, double.PositiveInfinity, 8.0, 4.2, double.NaN, 5.0, 3.9, 4.4, 4.0, 3.1];
        ConvergencePlot.Save(path, losses, "RMSE (nAm)", [1, 5, 9]);
        Assert.Equal((ConvergencePlot.Width, ConvergencePlot.Height), PngSize(path));
        var red = PixelsNear(path, SKColors.Red);
        output.WriteLine($"red (best so far) pixels: {red}");
        Assert.True(red > 200, $"only {red} red pixels: the best-so-far line is not drawn");
    }

    [Fact]
    public void ConvergencePlotOfOnlyFailedSimulationsStillDraws()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "convergence.png");
        ConvergencePlot.Save(path, [double.NaN, double.NegativeInfinity], "loss");
        Assert.Equal((1000, 500), PngSize(path));
        ConvergencePlot.Save(path, [2.5], "loss");
        Assert.Equal((1000, 500), PngSize(path));
    }

    [Fact]
    public void ConvergencePlotRefusesNoLossesAndGenerationStartsOutOfRange()
    {
        var empty = Assert.Throws<ArgumentException>(() => ConvergencePlot.Save("c.png", [], "loss"));
        output.WriteLine(empty.Message);
        Assert.Equal("losses", empty.ParamName);
        Assert.Contains("at least one", empty.Message);
        var start = Assert.Throws<ArgumentException>(() => ConvergencePlot.Save("c.png", [1.0, 2.0], "loss", [1, 3]));
        output.WriteLine(start.Message);
        Assert.Equal("generationStarts", start.ParamName);
        Assert.Contains("1…2, got 3", start.Message);
    }

    [Fact]
    public void PsdPlotOfADipolePsd()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "psd.png");
        var (f, p) = DipolePsd.Of([Wave(0.025, 170, 0), Wave(0.025, 170, 5)]);
        PsdPlot.Save(path, f, p, "PSD", fmin: 0, fmax: 100);
        Assert.Equal((PsdPlot.Width, PsdPlot.Height), PngSize(path));
        var blue = PixelsNear(path, new SKColor(0x1f, 0x77, 0xb4));
        output.WriteLine($"blue (PSD) pixels: {blue}");
        Assert.True(blue > 200, $"only {blue} blue pixels: the PSD is not drawn");
        PsdPlot.Save(path, f, p, "PSD up to Nyquist");
        Assert.Equal((1000, 500), PngSize(path));
    }

    [Fact]
    public void PsdPlotRefusesMismatchedArraysAndAnEmptyRange()
    {
        Assert.Equal("power", Assert.Throws<ArgumentException>(() => PsdPlot.Save("p.png", [0.0, 1.0], [1.0], "x")).ParamName);
        Assert.Equal("freqs", Assert.Throws<ArgumentException>(() => PsdPlot.Save("p.png", [], [], "x")).ParamName);
        var range = Assert.Throws<ArgumentException>(() => PsdPlot.Save("p.png", [0.0, 1.0], [1.0, 2.0], "x", fmin: 5, fmax: 5));
        output.WriteLine(range.Message);
        Assert.Equal("fmax", range.ParamName);
        Assert.Equal("fmin", Assert.Throws<ArgumentException>(() => PsdPlot.Save("p.png", [0.0, 1.0], [1.0, 2.0], "x", fmin: double.NaN)).ParamName);
    }
}
