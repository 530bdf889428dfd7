using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Drives;

/// <summary>
/// The bounds checked before events are drawn (issue 10): the seed range over every trial, the
/// events per drive cell, and drive names that a spike file can carry.
/// </summary>
public sealed class DriveLimitsTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> L5P = new() { ["L5_pyramidal"] = 0.1 };
    private static readonly NetworkSpec Small = Jones2009.Create(new MeshShape(2, 2));

    private static NetworkSpec Evoked(long seed, int numspikes = 1) =>
        Small.AddEvokedDrive("ev", mu: 5, sigma: 1, numspikes: numspikes, location: "distal", weightsAmpa: L5P, eventSeed: seed);

    [Fact]
    public void TheLargestSeedThatWorksForEveryTrialWorksAndOneMoreFailsAtOnce()
    {
        const int trials = 3;
        var probe = Evoked(0);
        var drive = probe.Drives[0];
        // Trial k's drive cell i draws from seed + k·n_gids + i (docs/dev/drives.md §6).
        var largest = uint.MaxValue - (long)(trials - 1) * probe.TotalGids - (drive.NDriveCells - 1);
        output.WriteLine($"n_gids {probe.TotalGids}, {drive.NDriveCells} drive cells: largest event_seed for {trials} trials = {largest}");

        var events = DriveEvents.GenerateAll(Evoked(largest), trials, 20);
        Assert.Equal(trials, events.Count);

        var e = Assert.Throws<ArgumentException>(() => DriveEvents.GenerateAll(Evoked(largest + 1), trials, 20));
        output.WriteLine(e.Message);
        Assert.Equal("event_seed", e.ParamName);
        Assert.Contains($"Allowed: event_seed 0 … {largest} for 3 trial(s).", e.Message);
        Assert.Contains($"reaches {(long)uint.MaxValue + 1}", e.Message);
    }

    [Fact]
    public void TooManyTrialsForAnySeedSaysHowManyWork()
    {
        var net = Evoked(2);
        var fitting = (uint.MaxValue - 2 - (net.Drives[0].NDriveCells - 1)) / net.TotalGids + 1;
        Assert.Null(DriveLimits.SeedProblem(net.Drives[0], (int)fitting, net.TotalGids));
        var e = DriveLimits.SeedProblem(net.Drives[0], int.MaxValue, net.TotalGids)!;
        output.WriteLine(e.Message);
        Assert.Contains($"Allowed: n_trials <= {fitting} for this network.", e.Message);
    }

    [Fact]
    public void EvokedSpikesPerCellAreBounded()
    {
        Assert.Null(DriveLimits.EventProblem(Evoked(2, DriveLimits.MaxEventsPerDriveCell).Drives[0], 20));
        var e = DriveLimits.EventProblem(Evoked(2, DriveLimits.MaxEventsPerDriveCell + 1).Drives[0], 20)!;
        Assert.Equal("numspikes", e.ParamName);
        Assert.Contains("Allowed: numspikes <= 1000000.", e.Message);
        // Generation refuses it too, before drawing anything.
        Assert.Throws<ArgumentException>(() => DriveEvents.Generate(Evoked(2, 20_000_000), 0, 20));
    }

    [Fact]
    public void ThePoissonEstimateMatchesTheEventsDrawnAndBoundsTheRate()
    {
        // 500 Hz over 1000 ms: 500 events expected per drive cell.
        var net = Small.AddPoissonDrive("p", 500.0, "distal", weightsAmpa: L5P);
        var expected = DriveLimits.EventsPerCell(net.Drives[0], 1000);
        var drawn = DriveEvents.Generate(net, 0, 1000)[0].ByCell.Select(c => c.Length).ToArray();
        var mean = drawn.Average();
        // Poisson: SD of the mean of n cells is sqrt(500 / n); allow 5 SDs.
        var tolerance = 5 * Math.Sqrt(expected / drawn.Length);
        output.WriteLine($"expected {expected} events per cell, drawn mean {mean:F1} over {drawn.Length} cells (tolerance ±{tolerance:F1})");
        Assert.True(Math.Abs(mean - expected) <= tolerance, $"mean {mean} vs {expected}");

        var fast = Small.AddPoissonDrive("p", 1e9, "distal", weightsAmpa: L5P);
        var e = DriveLimits.EventProblem(fast.Drives[0], 20)!;
        output.WriteLine(e.Message);
        Assert.Equal("rate_constant", e.ParamName);
        Assert.Contains("Allowed: rate_constant <= 50000000 Hz for this duration.", e.Message);
    }

    [Theory]
    [InlineData("my drive", "a space")]
    [InlineData("my\tdrive", "a tab")]
    [InlineData("my\ndrive", "a line break")]
    [InlineData("my\0drive", "a NUL character")]
    [InlineData(" ", "a space")]
    public void DriveNamesWithWhitespaceOrControlCharactersAreRefused(string name, string what)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Small.AddEvokedDrive(name, mu: 5, sigma: 1, numspikes: 1, location: "distal", weightsAmpa: L5P));
        output.WriteLine(e.Message);
        Assert.Equal("name", e.ParamName);
        Assert.Contains($"it contains {what}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\0', e.Message);
    }

    [Fact]
    public void NegativeGidsInEventsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Small.AddSpikeTrainDrive("r", SpikeData.FromEvents([(1.0, 0), (2.0, -3)]), "distal", weightsAmpa: L5P));
        Assert.Equal("spike_data", e.ParamName);
        Assert.Contains("spike_data = -3 is invalid: a [time, gid] event has a negative gid", e.Message);
    }
}
