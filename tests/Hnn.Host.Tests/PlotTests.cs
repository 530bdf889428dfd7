using System.Buffers.Binary;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Plots;

namespace Hnn.Host.Tests;

/// <summary>
/// The PNG plots: each file is a real PNG (8-byte signature, IHDR width and height exactly the
/// documented size), written atomically, and bad arguments are refused by name.
/// </summary>
public sealed class PlotTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the signature and the IHDR chunk (first, at byte 8) and returns the image size.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path}: {bytes.Length} bytes is too short for a PNG");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Spikes of a made-up network: every cell type, plus drive spikes (not drawn).</summary>
    private static RasterPanel Panel(string title, int seed, bool withL2Basket = true)
    {
        var random = new Random(seed);
        var types = new List<(string Type, int First, int Count)>
        {
            ("L2_basket", 0, 35), ("L2_pyramidal", 35, 100), ("L5_basket", 135, 35), ("L5_pyramidal", 170, 100), ("evdist1", 270, 270),
        };
        if (!withL2Basket) types.RemoveAt(0);
        var times = new List<double>();
        var gids = new List<int>();
        var names = new List<string>();
        foreach (var (type, first, count) in types)
            for (var k = 0; k < count * 2; k++)
            {
                times.Add(random.NextDouble() * 170);
                gids.Add(first + random.Next(count));
                names.Add(type);
            }
        return new RasterPanel(title, [.. times], [.. gids], [.. names]);
    }

    private static Dipole SyntheticDipole(int trial, int samples = 6801, double dt = 0.025)
    {
        var times = Enumerable.Range(0, samples).Select(k => k * dt).ToArray();
        double[] Wave(double amplitude, double centreMs) =>
            times.Select(t => amplitude * Math.Exp(-Math.Pow((t - centreMs) / 8, 2)) + 0.3 * trial * Math.Sin(t / 5)).ToArray();
        var l2 = Wave(-20, 60 + trial);
        var l5 = Wave(60, 90 - trial);
        return new Dipole(times, new Dictionary<string, double[]>
        {
            [Dipole.Agg] = l2.Zip(l5, (a, b) => a + b).ToArray(), [Dipole.L2] = l2, [Dipole.L5] = l5,
        });
    }

    [Fact]
    public void RasterOfTwoPanelsIsAPngOfTwoPanelHeights()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "raster.png");
        SpikeRasterPlot.Save(path, [Panel("Network A: Spike Raster", 1), Panel("Network B: Spike Raster", 2, withL2Basket: false)], 170);
        Assert.Equal((SpikeRasterPlot.Width, 2 * SpikeRasterPlot.PanelHeight), PngSize(path));
        Assert.Equal((1000, 1200), PngSize(path));
    }

    [Fact]
    public void RasterOfASimulatedTrialIsAPng()
    {
        var trial = new NetworkTrial(Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2))), 30, 0.025).Run();
        Assert.NotEmpty(trial.SpikeTimes);
        var path = Path.Combine(HnnProcess.TempDir(), "raster.png");
        SpikeRasterPlot.Save(path, [new RasterPanel("2×2 ERP", trial.SpikeTimes, trial.SpikeGids, trial.SpikeTypes)], 30);
        Assert.Equal((1000, 600), PngSize(path));
    }

    [Fact]
    public void RasterWithoutAnySpikesStillDraws()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "empty.png");
        SpikeRasterPlot.Save(path, [new RasterPanel("silent", [], [], [])], 50);
        Assert.Equal((1000, 600), PngSize(path));
    }

    [Fact]
    public void DipolePlotHasThreePanels()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "dipole.png");
        DipolePlot.Save(path, [SyntheticDipole(0), SyntheticDipole(1), SyntheticDipole(2)], "Network A");
        Assert.Equal((DipolePlot.Width, 3 * DipolePlot.PanelHeight), PngSize(path));
        Assert.Equal((1000, 900), PngSize(path));
    }

    [Fact]
    public void DipolePlotOfScaledTrialsWithWideTickLabelsKeepsItsSize()
    {
        var path = Path.Combine(HnnProcess.TempDir(), "dipole.png");
        DipolePlot.Save(path, [SyntheticDipole(0).Scale(3000), SyntheticDipole(1).Scale(3000)], "scaled");
        Assert.Equal((1000, 900), PngSize(path));
    }

    [Fact]
    public void HistogramIsAPng()
    {
        var panel = Panel("A", 3);
        var path = Path.Combine(HnnProcess.TempDir(), "hist.png");
        SpikeHistogramPlot.Save(path, panel.SpikeTimes, panel.SpikeTypes, 170);
        Assert.Equal((SpikeHistogramPlot.Width, SpikeHistogramPlot.Height), PngSize(path));
        Assert.Equal((1000, 500), PngSize(path));
    }

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporaryFile()
    {
        var dir = HnnProcess.TempDir();
        var path = Path.Combine(dir, "hist.png");
        File.WriteAllText(path, "old");
        SpikeHistogramPlot.Save(path, [1.0, 2.0], ["L5_pyramidal", "evprox1"], 10, binMs: 1);
        Assert.Equal((1000, 500), PngSize(path));
        Assert.Equal(["hist.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void MissingFolderIsRefusedAndWritesNothing()
    {
        var dir = Path.Combine(HnnProcess.TempDir(), "absent");
        Assert.Throws<DirectoryNotFoundException>(() => SpikeHistogramPlot.Save(Path.Combine(dir, "h.png"), [], [], 10));
        Assert.False(Directory.Exists(dir));
    }

    private static void AssertRefused(string argument, string allowed, Action save)
    {
        var e = Assert.ThrowsAny<ArgumentException>(save);
        Assert.Equal(argument, e.ParamName);
        Assert.Contains(allowed, e.Message);
    }

    public static TheoryData<double> BadTimes => new() { 0, -1, double.NaN, double.PositiveInfinity };

    [Fact]
    public void RasterRefusesNoPanels() =>
        AssertRefused("panels", "at least one RasterPanel", () => SpikeRasterPlot.Save("r.png", [], 170));

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void RasterRefusesBadTstop(double tstop) =>
        AssertRefused("tstop", "> 0", () => SpikeRasterPlot.Save("r.png", [Panel("A", 1)], tstop));

    [Fact]
    public void RasterRefusesMismatchedSpikeColumns()
    {
        var bad = new RasterPanel("B", [1.0, 2.0, 3.0], [1, 2], ["L2_basket", "L2_basket", "L2_basket"]);
        AssertRefused("panels", "must have the same length", () => SpikeRasterPlot.Save("r.png", [Panel("A", 1), bad], 170));
        var e = Assert.Throws<ArgumentException>(() => SpikeRasterPlot.Save("r.png", [bad], 170));
        Assert.Contains("panels[0] ('B'): spike times (3), spike gids (2) and spike types (3)", e.Message);
    }

    [Fact]
    public void DipolePlotRefusesNoTrials() =>
        AssertRefused("trials", "at least one Dipole", () => DipolePlot.Save("d.png", [], "A"));

    [Fact]
    public void DipolePlotRefusesTrialsOfDifferentLengths() =>
        AssertRefused("trials", "must share their times", () => DipolePlot.Save("d.png", [SyntheticDipole(0), SyntheticDipole(1, samples: 100)], "A"));

    [Fact]
    public void DipolePlotRefusesADipoleWithoutLayers()
    {
        var aggOnly = new Dipole([0.0, 0.025], new Dictionary<string, double[]> { [Dipole.Agg] = [1.0, 2.0] });
        AssertRefused("trials", "needs agg, L2, L5", () => DipolePlot.Save("d.png", [aggOnly], "A"));
    }

    [Fact]
    public void DipolePlotRefusesUnequalScaling() =>
        AssertRefused("trials", "scaled equally", () => DipolePlot.Save("d.png", [SyntheticDipole(0), SyntheticDipole(1).Scale(3000)], "A"));

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void HistogramRefusesBadTstop(double tstop) =>
        AssertRefused("tstop", "> 0", () => SpikeHistogramPlot.Save("h.png", [1.0], ["L2_basket"], tstop));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(200.0)]
    public void HistogramRefusesBadBinWidth(double binMs) =>
        AssertRefused("binMs", "> 0", () => SpikeHistogramPlot.Save("h.png", [1.0], ["L2_basket"], 170, binMs));

    [Fact]
    public void HistogramRefusesMismatchedSpikeColumns() =>
        AssertRefused("spikeTypes", "must have the same length", () => SpikeHistogramPlot.Save("h.png", [1.0, 2.0], ["L2_basket"], 170));

    [Fact]
    public void EmptyPathIsRefused() =>
        AssertRefused("path", "non-empty", () => SpikeHistogramPlot.Save(" ", [], [], 170));
}
