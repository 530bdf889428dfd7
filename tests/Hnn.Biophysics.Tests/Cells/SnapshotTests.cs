using Hnn.Biophysics.Cells;

namespace Hnn.Biophysics.Tests.Cells;

/// <summary>A checkpoint restored into a freshly built population continues bit for bit.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(CellTemplates.L5Pyramidal)]
    [InlineData(CellTemplates.L2Basket)]
    public void RestoredPopulationContinuesIdentically(string cellType)
    {
        Population Build()
        {
            var p = new Population(CellTemplates.ForType(cellType), 5, 0.025);
            for (var c = 0; c < 5; c++) p.AddCurrentClamp(c, "soma", 0.5, 5.0, 100.0, 0.1 * c);
            return p;
        }
        var original = Build();
        for (var i = 0; i < 30; i++) original.Schedule(2.0 + 1.7 * i, i % 5, i % 3, 0.004);
        for (var k = 0; k < 1000; k++) original.Step();
        var snapshot = original.Snapshot();
        var copy = Build();
        copy.Restore(snapshot);

        var spikesA = new List<Spike>();
        var spikesB = new List<Spike>();
        for (var k = 0; k < 1200; k++)
        {
            original.Step();
            copy.Step();
            for (var node = 0; node < original.Tree.NodeCount; node++)
            for (var c = 0; c < 5; c++)
                Assert.Equal(original.Voltage(c, node), copy.Voltage(c, node));
        }
        original.DrainSpikes(spikesA);
        copy.DrainSpikes(spikesB);
        Assert.Equal(spikesA, spikesB);
        Assert.NotEmpty(spikesA);
        Assert.Equal(original.Time, copy.Time);
    }

    [Fact]
    public void ASnapshotOfAnotherShapeIsRefused()
    {
        var a = new Population(CellTemplates.ForType(CellTemplates.L2Basket), 5, 0.025);
        var b = new Population(CellTemplates.ForType(CellTemplates.L2Basket), 9, 0.025);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => b.Restore(a.Snapshot())).Message);
    }
}
