using Hnn.Biophysics.Batch;

namespace Hnn.Biophysics.Tests.Batch;

/// <summary>
/// Job keys (what a resumed batch matches finished jobs by): stable for the same job, different
/// when its experiment, its summaries or what is kept changes; a subset of the jobs keeps them.
/// </summary>
public sealed class SweepKeyTests
{
    private static readonly string Examples = Path.Combine(TestData.RepositoryRoot, "examples");

    private static Sweep Erp(string values, string summaries = "\"spike_counts\"", string keep = "\"summary\"") =>
        Sweep.Parse($$"""{"experiment": "erp.json", "parameters": [{"path": "drives.evprox1.mu", "values": [{{values}}]}], "keep": [{{keep}}], "summaries": [{{summaries}}]}""", Examples);

    [Fact]
    public void KeysFollowTheJobTheSummariesAndWhatIsKept()
    {
        var a = Erp("20, 25");
        var keys = a.Jobs.Select(a.KeyOf).ToArray();
        Assert.Equal(keys, Erp("20, 25").Jobs.Select(j => Erp("20, 25").KeyOf(j)));   // stable
        Assert.NotEqual(keys[0], keys[1]);                                                  // another value
        var b = Erp("20, 25", "\"spike_counts\", \"dipole_peak\"");
        Assert.NotEqual(keys[0], b.KeyOf(b.Jobs[0]));                                      // another summary
        var c = Erp("20, 25", keep: "\"summary\", \"spikes\"");
        Assert.NotEqual(keys[0], c.KeyOf(c.Jobs[0]));                                      // more kept
        Assert.Equal(64, keys[0].Length);
    }

    [Fact]
    public void ASubsetKeepsItsJobsSummariesAndKeys()
    {
        var sweep = Erp("20, 25, 30", "\"spike_counts\", \"dipole_peak\"");
        var rest = sweep.WithJobs(sweep.Jobs.Where(j => j.Id != 1));
        Assert.Equal([0, 2], rest.Jobs.Select(j => j.Id));
        Assert.Equal(sweep.SummaryColumns, rest.SummaryColumns);
        Assert.Equal(["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"], rest.CellTypes);
        Assert.Equal(sweep.KeyOf(sweep.Jobs[2]), rest.KeyOf(rest.Jobs[1]));
        Assert.Equal(["spikes_L2_basket", "spikes_L2_pyramidal", "spikes_L5_basket", "spikes_L5_pyramidal", "spikes_total", "dipole_peak", "dipole_peak_time"],
            sweep.SummaryColumns);
    }
}
