using System.Globalization;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Tests.Simulation;

/// <summary>
/// The run's clock as NEURON keeps it: psolve's step count and the accumulated time vector
/// (two additions of dt/2 per step), checked against NEURON's recorded t of the ERP reference.
/// </summary>
public sealed class TimeGridTests
{
    [Theory]
    [InlineData(170.0, 0.025, 6800)]
    [InlineData(100.0, 0.025, 4000)]
    [InlineData(0.025, 0.025, 1)]
    [InlineData(1.0, 0.3, 3)]
    public void StepCountIsWhatPsolveTakes(double tstop, double dt, int steps) =>
        Assert.Equal(steps, TimeGrid.Create(tstop, dt).StepCount);

    [Fact]
    public void TimesEqualNeuronsRecordedTimeVectorBitForBit()
    {
        // tests/data/erp_run/dipole_trial0.csv.gz: NEURON's t for 170 ms at dt 0.025 (6801 samples).
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(TestData.Path("erp_run", "dipole_trial0.csv.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        reader.ReadLine();
        var neuron = new List<double>();
        while (reader.ReadLine() is { } line) neuron.Add(double.Parse(line.Split(',')[0], CultureInfo.InvariantCulture));
        var grid = TimeGrid.Create(170.0, 0.025);
        Assert.Equal(neuron.Count, grid.Times.Length);
        for (var k = 0; k < neuron.Count; k++) Assert.Equal(neuron[k], grid.Times[k]);
        Assert.Equal(100.00000000001417, grid.Times[4000]); // drifts from 100 in the last digits, as NEURON's does
        Assert.Equal(grid.Times[^1], grid.EndTime);
    }

    [Theory]
    [InlineData(-5.0, 0.025, "tstop must be a positive number of ms, got -5")]
    [InlineData(double.NaN, 0.025, "tstop must be a positive number of ms, got NaN")]
    [InlineData(100.0, 0.0, "dt must be positive and at most tstop (100 ms), got 0")]
    [InlineData(100.0, 200.0, "dt must be positive and at most tstop (100 ms), got 200")]
    [InlineData(1e9, 1e-9, "needs 1E+18 steps; at most 2147483646 are allowed")]
    public void BadValuesAreRefusedNamingThem(double tstop, double dt, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => TimeGrid.Create(tstop, dt)).Message);
}
