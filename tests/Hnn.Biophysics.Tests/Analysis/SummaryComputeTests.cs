using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Analysis;

/// <summary>What spike_counts and dipole_peak compute (docs/summaries.md, docs/dev/dipole.md §10).</summary>
public sealed class SummaryComputeTests(ITestOutputHelper output)
{
    private static readonly string[] CellTypes = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"];

    private static SummarySpec Parse(string json)
    {
        using var doc = JsonDocument.Parse($"[{json}]");
        return Assert.Single(SummarySpec.ParseList(doc.RootElement, "$.summaries", "."));
    }

    private static TrialResult Trial(int trial, params string[] types) =>
        new(trial, [0, 1], new Dictionary<string, double[]>(), [.. types.Select((_, i) => (double)i)], [.. types.Select((_, i) => i)], types);

    [Fact]
    public void SpikeCountsMatchTheNeuronErpRunAndLeaveDrivesOut()
    {
        var spikes = ReferenceSpikes.ReadData("erp_run", "spikes.csv");
        var trial = new TrialResult(0, [0, 1], new Dictionary<string, double[]>(), [.. spikes.Select(s => s.Time)],
            [.. spikes.Select(s => s.Gid)], [.. spikes.Select(s => s.Type)]);
        var summary = Parse("\"spike_counts\"");
        var columns = summary.Columns(CellTypes);
        var values = summary.Compute(new SummaryInput([trial], [], CellTypes));
        for (var i = 0; i < columns.Count; i++) output.WriteLine($"{columns[i]} = {values[i]}");
        Assert.Equal(["spikes_L2_basket", "spikes_L2_pyramidal", "spikes_L5_basket", "spikes_L5_pyramidal", "spikes_total"], columns);
        var expected = CellTypes.Select(t => (double)spikes.Count(s => s.Type == t)).ToArray();
        Assert.Equal([.. expected, expected.Sum()], values);
        Assert.True(spikes.Count > expected.Sum(), "the reference run has drive spikes, which must not be counted");
    }

    [Fact]
    public void SpikeCountsAreMeansOverTrials()
    {
        var values = Parse("{\"spike_counts\": {}}").Compute(new SummaryInput(
            [Trial(0, "L2_basket", "evprox1", "L5_pyramidal"), Trial(1, "L2_basket", "L2_basket", "L5_pyramidal", "L5_pyramidal")], [], ["L2_basket", "L5_pyramidal"]));
        Assert.Equal([1.5, 1.5, 3.0], values);
        Assert.Throws<ArgumentException>(() => Parse("\"spike_counts\"").Compute(new SummaryInput([], [], CellTypes)));
    }

    private static Dipole Wave(double amplitude, double centre)
    {
        var t = Enumerable.Range(0, 4001).Select(k => k * 0.025).ToArray();
        double F(double x) => amplitude * Math.Exp(-Math.Pow((x - centre) / 4, 2));
        return new Dipole(t, new Dictionary<string, double[]> { [Dipole.Agg] = t.Select(F).ToArray(), [Dipole.L2] = new double[t.Length], [Dipole.L5] = t.Select(F).ToArray() });
    }

    [Fact]
    public void DipolePeakIsTheLargestMagnitudeOfTheScaledSmoothedTrialAverage()
    {
        // Two trials, negative bumps at 50 ms: the average is a −3 nAm bump.
        var dipoles = new[] { Wave(-2.0, 50.0), Wave(-4.0, 50.0) };
        var before = dipoles.Select(d => d[Dipole.Agg].ToArray()).ToArray();
        var plain = Parse("\"dipole_peak\"").Compute(new SummaryInput([], dipoles, []));
        Assert.Equal(3.0, plain[0], 12);
        Assert.Equal(50.0, plain[1], 9);

        var summary = Parse("{\"dipole_peak\": {\"smooth\": 10, \"scale\": 1000}}");
        var processed = summary.Compute(new SummaryInput([], dipoles, []));
        var expected = dipoles.Select(d => Copy(d).Scale(1000).Smooth(10)).ToArray();
        var average = Dipole.Average(expected)[Dipole.Agg];
        var k = Enumerable.Range(0, average.Length).MaxBy(i => Math.Abs(average[i]));
        output.WriteLine($"peak {processed[0]:R} at {processed[1]} ms; by hand {Math.Abs(average[k]):R} at {k * 0.025} ms");
        Assert.Equal(Math.Abs(average[k]), processed[0], 9);
        Assert.Equal(50.0, processed[1], 9);
        Assert.True(processed[0] < 3000.0, "a 10 ms Hamming window lowers a 4 ms bump's peak");
        Assert.Equal(["dipole_peak", "dipole_peak_time"], summary.Columns(CellTypes));
        for (var i = 0; i < dipoles.Length; i++) Assert.Equal(before[i], dipoles[i][Dipole.Agg]);
        Assert.All(dipoles, d => Assert.Equal(1.0, d.ScaleApplied));
    }

    private static Dipole Copy(Dipole d) => new((double[])d.Times.Clone(), d.Order.ToDictionary(k => k, k => (double[])d[k].Clone()));
}
