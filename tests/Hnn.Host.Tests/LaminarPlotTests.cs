using System.Buffers.Binary;
using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Morphology;
using Hnn.Host.Plots;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// The laminar LFP and CSD plots (docs/dev/extracellular.md §11) of HNN-core's reference potentials
/// (tests/data/lfp/lfp_shank_psa.csv.gz, every 4th sample): real PNGs of the documented size.
/// </summary>
public sealed class LaminarPlotTests(ITestOutputHelper output)
{
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static (double[] Times, double[,] Lfp, Point3[] Positions) Reference()
    {
        var csv = Csv.ReadData("lfp", "lfp_shank_psa.csv.gz");
        var rows = csv.Rows.Where((_, i) => i % 4 == 0).ToArray();
        var n = csv.Header.Count - 2;
        var lfp = new double[n, rows.Length];
        for (var k = 0; k < rows.Length; k++)
            for (var c = 0; c < n; c++) lfp[c, k] = Csv.Double(rows[k][c + 2]);
        var positions = Enumerable.Range(0, n).Select(c => new Point3(4.5, 4.5, -325 + 100 * c)).ToArray();
        return (rows.Select(r => Csv.Double(r[1])).ToArray(), lfp, positions);
    }

    [Fact]
    public void LaminarLfpAndCsdArePngs()
    {
        var (times, lfp, positions) = Reference();
        var (depths, spacing) = LaminarGeometry.Of(positions);
        var dir = HnnProcess.TempDir();
        var lfpPath = Path.Combine(dir, "lfp.png");
        LaminarLfpPlot.Save(lfpPath, times, lfp, depths, "Laminar LFP (psa)", voltageOffset: 200, voltageScalebar: 400);
        Assert.Equal((LaminarLfpPlot.Width, LaminarLfpPlot.Height), PngSize(lfpPath));
        var csdPath = Path.Combine(dir, "csd.png");
        CsdPlot.Save(csdPath, times, CurrentSourceDensity.Compute(lfp, spacing), depths, "CSD (psa)");
        Assert.Equal((CsdPlot.Width, CsdPlot.Height), PngSize(csdPath));
        var redPath = Path.Combine(dir, "csd_r.png");
        CsdPlot.Save(redPath, times, CurrentSourceDensity.Compute(lfp, spacing), depths, "CSD (psa, sinks red)", sink: "r");
        Assert.Equal((CsdPlot.Width, CsdPlot.Height), PngSize(redPath));
        output.WriteLine($"{lfpPath}: {new FileInfo(lfpPath).Length} bytes; {csdPath}: {new FileInfo(csdPath).Length} bytes");
    }

    [Fact]
    public void BadArgumentsAreRefusedByName()
    {
        var times = new[] { 0.0, 1.0 };
        var e = Assert.ThrowsAny<ArgumentException>(() => CsdPlot.Save(Path.Combine(HnnProcess.TempDir(), "x.png"), times, new double[4, 2], [0, 1, 2, 3], "t", sink: "g"));
        Assert.Equal("sink", e.ParamName);
        e = Assert.ThrowsAny<ArgumentException>(() => LaminarLfpPlot.Save(Path.Combine(HnnProcess.TempDir(), "x.png"), times, new double[3, 2], [0, 1], "t"));
        Assert.Equal("depths", e.ParamName);
    }
}
