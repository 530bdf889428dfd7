using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Solver;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Solver;

/// <summary>
/// The kernel paths (docs/dev/kernels.md §2) against each other in one process: the same cells,
/// clamps and synaptic events on every path this CPU runs; voltages at every node, calcium and
/// dipoles must agree with the portable path within 1e-9 mV (all paths evaluate the same operations
/// in the same order, so the measured difference is expected to be 0). Also HNN_SIMD's parsing.
/// </summary>
public sealed class SimdPathTests(ITestOutputHelper output)
{
    private const double VoltageTolerance = 1e-9; // mV

    [Theory]
    [InlineData(CellTemplates.L5Pyramidal)]
    [InlineData(CellTemplates.L2Pyramidal)]
    [InlineData(CellTemplates.L5Basket)]
    [InlineData(CellTemplates.L2Basket)]
    public void EveryPath_GivesThePortablePathsVoltages(string cellType)
    {
        const int cells = 11; // not a multiple of any width: padding differs per path
        Population Build(SimdPath path)
        {
            var p = new Population(CellTemplates.ForType(cellType), cells, 0.025, path);
            for (var c = 0; c < cells; c++) p.AddCurrentClamp(c, "soma", 0.5, 5.0, 60.0, 0.05 * c);
            for (var i = 0; i < 40; i++) p.Schedule(1.0 + 1.3 * i, i % cells, i % p.Template.Synapses.Count, 0.002 * (1 + i % 4));
            return p;
        }
        var reference = Build(SimdPath.Portable);
        var others = SimdPaths.Available.Where(p => p != SimdPath.Portable).Select(Build).ToArray();
        var worst = new double[others.Length];
        var worstDipole = new double[others.Length];
        for (var k = 0; k < 2400; k++)
        {
            reference.Step();
            for (var o = 0; o < others.Length; o++)
            {
                var p = others[o];
                p.Step();
                for (var node = 0; node < p.Tree.NodeCount; node++)
                for (var c = 0; c < cells; c++)
                    worst[o] = Math.Max(worst[o], Math.Abs(p.Voltage(c, node) - reference.Voltage(c, node)));
                for (var c = 0; c < cells; c++)
                    worstDipole[o] = Math.Max(worstDipole[o], Math.Abs(p.Dipoles[c] - reference.Dipoles[c]));
            }
        }
        var spikes = new List<Spike>();
        reference.DrainSpikes(spikes);
        output.WriteLine($"{cellType}, {cells} cells, 2400 steps, {spikes.Count} spikes on the portable path; paths here: {string.Join(", ", SimdPaths.Available.Select(p => p.Name()))}");
        for (var o = 0; o < others.Length; o++)
        {
            var theirs = new List<Spike>();
            others[o].DrainSpikes(theirs);
            output.WriteLine($"  {others[o].Path.Name()} vs portable: max|ΔV| = {worst[o]:E3} mV, max|Δdipole| = {worstDipole[o]:E3} fA·m, spikes {theirs.Count}");
            Assert.True(worst[o] <= VoltageTolerance, $"{others[o].Path.Name()}: max|ΔV| {worst[o]:E3} mV > {VoltageTolerance}");
            Assert.Equal(spikes, theirs);
        }
        Assert.NotEmpty(spikes);
    }

    [Fact]
    public void Population_PadsItsLanesToThePathsWidth()
    {
        foreach (var path in SimdPaths.Available)
        {
            var p = new Population(CellTemplates.ForType(CellTemplates.L2Basket), 5, 0.025, path);
            output.WriteLine($"{path.Name()}: width {path.Width()}, 5 cells -> {p.Lanes} lanes");
            Assert.Equal((5 + path.Width() - 1) / path.Width() * path.Width(), p.Lanes);
        }
    }

    [Theory]
    [InlineData("sse")]
    [InlineData("AVX-512")]
    [InlineData("neon")]
    public void HnnSimd_RejectsAnUnknownValueNamingTheAllowedOnes(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => SimdPaths.Choose(value));
        output.WriteLine(e.Message);
        Assert.Contains($"HNN_SIMD={value}", e.Message);
        Assert.Contains("avx512, avx2, portable", e.Message);
    }

    [Fact]
    public void HnnSimd_NamesAPathAndUnsetGivesTheWidest()
    {
        Assert.Equal(SimdPath.Portable, SimdPaths.Choose("portable"));
        Assert.Equal(SimdPath.Portable, SimdPaths.Choose(" Portable "));
        Assert.Equal(SimdPaths.Best, SimdPaths.Choose(null));
        Assert.Equal(SimdPaths.Best, SimdPaths.Choose(""));
        foreach (var path in new[] { SimdPath.Avx512, SimdPath.Avx2 })
        {
            if (path.IsSupported())
                Assert.Equal(path, SimdPaths.Choose(path.Name()));
            else
            {
                var e = Assert.Throws<ArgumentException>(() => SimdPaths.Choose(path.Name()));
                output.WriteLine(e.Message);
                Assert.Contains("this CPU lacks", e.Message);
            }
        }
        output.WriteLine($"best here: {SimdPaths.Best.Name()}; available: {string.Join(", ", SimdPaths.Available.Select(p => p.Name()))}");
    }
}
