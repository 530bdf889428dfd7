using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// The memory estimate that refuses oversized runs before they start: its connection count for
/// a mesh, before the network exists, against the pairs the built network really has; and its
/// recording and event terms against the grid and the drives.
/// </summary>
public sealed class ResourceEstimateTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public void TheMeshEstimateOfConnectionPairsIsWithinFivePercentOfTheBuiltNetwork(int n)
    {
        var net = Jones2009.Create(new MeshShape(n, n));
        double pairs = net.Connections.Sum(c => (double)c.PairCount);
        var estimated = ResourceEstimate.ForMesh(n, n, defaultConnections: true).ConnectionBytes / ResourceEstimate.BytesPerPairToBuild;
        var error = Math.Abs(estimated - pairs) / pairs;
        output.WriteLine($"{n}×{n}: {pairs} pairs built, {estimated:F0} estimated, error {error:P2} (tolerance 5%)");
        Assert.True(error <= 0.05, $"{n}×{n}: estimate {estimated} vs {pairs} pairs");
    }

    [Fact]
    public void RecordingsGrowWithSamplesAndTrialsAndEventsWithTheDrives()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(2, 2)));
        var grid = TimeGrid.Create(170, 0.025);
        var one = ResourceEstimate.ForRun(net, grid, 1);
        var three = ResourceEstimate.ForRun(net, grid, 3);
        // Per trial: time vector + raw and processed dipoles of 4 cell types and their sum.
        Assert.Equal((grid.StepCount + 1.0) * 8 * (1 + 2 * 5), one.RecordingBytes);
        Assert.Equal(3 * one.RecordingBytes, three.RecordingBytes);
        // The ERP drives are evoked with one spike per drive cell.
        Assert.Equal(net.Drives.Sum(d => d.NDriveCells) * 8.0, one.DriveEventBytes);
        Assert.Equal(net.Connections.Sum(c => (double)c.PairCount) * ResourceEstimate.BytesPerPairToRun, one.ConnectionBytes);
        output.WriteLine($"2×2 ERP, 170 ms: {one.TotalBytes / 1048576:F2} MiB for one trial, {three.TotalBytes / 1048576:F2} MiB for three");
    }

    [Fact]
    public void OverTheLimitTheMessageHasTheEstimateAndTheLimit()
    {
        var previous = Environment.GetEnvironmentVariable(ResourceEstimate.LimitVariable);
        try
        {
            Environment.SetEnvironmentVariable(ResourceEstimate.LimitVariable, "100");
            new ResourceEstimate(0, 50 << 20, 0, 0).ThrowIfOverLimit();
            var e = Assert.Throws<ArgumentException>(() => new ResourceEstimate(0, 150 << 20, 0, 0).ThrowIfOverLimit("the run", "less"));
            Assert.Equal("the run needs about 150 MiB of memory (cell state 0 bytes, recordings 150 MiB, drive events 0 bytes, connections 0 bytes), " +
                         "more than the limit of 100 MiB (HNN_MEMORY_LIMIT_MB); allowed: less", e.Message);
            Environment.SetEnvironmentVariable(ResourceEstimate.LimitVariable, "-5");
            Assert.Contains("HNN_MEMORY_LIMIT_MB = '-5' is invalid", Assert.Throws<ArgumentException>(() => ResourceEstimate.MemoryLimit()).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ResourceEstimate.LimitVariable, previous);
        }
    }
}
