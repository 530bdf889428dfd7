using System.Text.Json;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Recording;

/// <summary>
/// record_vsec/isec/ca = "all" in the ERP network against HNN-core v0.6.1 on NEURON (tests/data/recordings,
/// made by its run_recordings.py; one cell of each type, every section and synapse, all 6,801 samples):
/// potentials within 1e-3 mV, synaptic currents and calcium within 1e-6 of each trace's peak.
/// </summary>
public sealed class NetworkRecordingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ErpRecordingsMatchNeuron()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        var all = new RecordSpec(RecordScope.All, RecordScope.All, RecordScope.All);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new NetworkTrial(net, 170.0, 0.025, recording: new RecordingOptions(all, _dir)).Run();
        output.WriteLine($"simulate + record everything: {clock.Elapsed.TotalSeconds:F1} s");
        var traces = result.Traces ?? throw new Xunit.Sdk.XunitException("no traces returned");
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.EndsWith(".partial", StringComparison.Ordinal));

        // What HNN-core records per type: the same sections and synapses, ca only where there is calcium.
        using var summary = JsonDocument.Parse(File.ReadAllText(TestData.Path("recordings", "erp_all", "summary.json")));
        var keptGids = summary.RootElement.GetProperty("kept_gids").EnumerateArray().Select(g => g.GetInt32()).ToArray();
        foreach (var type in summary.RootElement.GetProperty("layout").EnumerateObject())
        {
            var ca = type.Value.GetProperty("ca").GetArrayLength();
            Assert.Equal(ca > 0, traces.Files.Any(f => f.Quantity == "ca" && f.CellType == type.Name));
        }

        Check(traces, "vsec", keptGids, (err, peak) => err <= 1e-3, "mV", absolute: true);
        Check(traces, "isec", keptGids, (err, peak) => err <= 1e-6 * peak, "nA", absolute: false);
        Check(traces, "ca", keptGids, (err, peak) => err <= 1e-6 * peak, "mM", absolute: false);
    }

    private void Check(TrialTraces traces, string quantity, int[] gids, Func<double, double, bool> ok, string unit, bool absolute)
    {
        var reference = Csv.ReadData("recordings", "erp_all", $"{quantity}.csv.gz").NumericColumns();
        var wanted = reference.Keys.ToHashSet();
        var tables = traces.Files.Where(f => f.Quantity == quantity).ToDictionary(f => f.CellType, f => f.Read(wanted.Contains));
        var worst = (Error: 0.0, Relative: 0.0, Column: "");
        var compared = 0;
        foreach (var (column, expected) in reference)
        {
            if (column == "time") continue;
            var gid = int.Parse(column[..column.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(gid, gids);
            var table = tables.Values.Single(t => t.Names.Contains(column));
            var ours = table[column];
            Assert.Equal(expected.Length, ours.Length);
            var err = expected.Zip(ours, (a, b) => Math.Abs(a - b)).Max();
            var peak = expected.Max(Math.Abs);
            Assert.True(ok(err, peak) || (peak == 0 && err == 0), $"{quantity} {column}: max|Δ| {err:E3} {unit} (peak {peak:E3})");
            var rel = peak > 0 ? err / peak : 0;
            if ((absolute ? err : rel) > (absolute ? worst.Error : worst.Relative)) worst = (err, rel, column);
            compared++;
        }
        output.WriteLine($"{quantity}: {compared} traces; worst {worst.Column}: max|Δ| {worst.Error:E2} {unit} ({worst.Relative:E2} of its peak)");
    }
}
