using System.Text.Json.Nodes;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.ParamsFiles;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.ParamsFiles;

/// <summary>
/// add_drives_from_params (docs/dev/params.md §4–§6) against HNN-core's records of the same
/// networks (tests/data/hnn_files/regression): gid ranges, every drive's arguments, seeds, weights,
/// delays, targets, trial-0 event times bit for bit, biases, and the connectivity (order, weights,
/// delays, pair counts).
/// </summary>
public sealed class ParamsDrivesTests(ITestOutputHelper output)
{
    // (params file, legacy, prefix of HNN-core's records, tstop of the recorded events)
    public static TheoryData<string, bool, string, double> Cases() => new()
    {
        { "default.json", true, "", 170.0 },
        { "default.param", true, "", 170.0 },
        { "default.json", false, "nonlegacy_", 170.0 },
        { "variant.param", true, "variant_", 100.0 },
        { "variant.param", false, "variant_nonlegacy_", 100.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DrivesGidsAndConnectivityMatchHnnCore(string file, bool legacy, string prefix, double tstop)
    {
        var net = ParamsReference.Network(file, legacy);

        var ranges = ParamsReference.Json(prefix + "gid_ranges.json").AsObject();
        Assert.Equal(ranges.Select(kv => $"{kv.Key} {kv.Value![0]}-{kv.Value[1]}"),
            net.GidRanges.Select(r => $"{r.Name} {r.Start}-{r.Stop}"));

        var drives = ParamsReference.Json(prefix + "drives.json").AsObject();
        Assert.Equal(drives.Select(kv => kv.Key), net.Drives.Select(d => d.Name));
        var events = 0;
        foreach (var (name, record) in drives)
            events += CompareDrive(net, net.DriveNamed(name)!, record!, tstop);

        var biases = ParamsReference.Json(prefix + "external_biases.json").AsObject();
        Assert.Equal(biases.Count, net.TonicBiases.Select(b => b.Name).Distinct().Count());

        var rows = ParamsReference.Json(prefix + "connectivity_summary.json").AsArray();
        Assert.Equal(rows.Count, net.Connections.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (r, c) = (rows[i]!, net.Connections[i]);
            var where = $"connection {i} ({c.SourceType}->{c.TargetType} {c.Receptor})";
            Assert.Equal(r["src_type"]!.GetValue<string>(), c.SourceType);
            Assert.Equal(r["target_type"]!.GetValue<string>(), c.TargetType);
            Assert.Equal(r["loc"]!.GetValue<string>(), c.Location);
            Assert.Equal(r["receptor"]!.GetValue<string>(), c.Receptor);
            Assert.True(r["A_weight"]!.GetValue<double>() == c.Weight, $"{where}: weight {c.Weight} vs {r["A_weight"]}");
            Assert.True(r["A_delay"]!.GetValue<double>() == c.Delay, $"{where}: delay {c.Delay} vs {r["A_delay"]}");
            Assert.True(r["lamtha"]!.GetValue<double>() == c.Lamtha, $"{where}: lamtha {c.Lamtha} vs {r["lamtha"]}");
            Assert.True(r["probability"]!.GetValue<double>() == c.Probability, where);
            Assert.True(r["n_pairs"]!.GetValue<int>() == c.PairCount, $"{where}: {c.PairCount} pairs vs {r["n_pairs"]}");
        }
        output.WriteLine($"{file} legacy={legacy}: {net.Drives.Count} drives, {net.TotalGids} gids, {rows.Count} connections, " +
                         $"{events} trial-0 events bit-identical (tstop {tstop}), {biases.Count} bias groups: all equal to HNN-core");
    }

    /// <summary>The recorded trial-0 events of the regression run (drive_events_trial0.csv) are ours, bit for bit.</summary>
    [Fact]
    public void RegressionRunEventsAreBitIdentical()
    {
        var net = ParamsReference.Network("default.json", legacy: true);
        var csv = Csv.Read(ParamsReference.File("drive_events_trial0.csv"));
        var reference = csv.Rows.GroupBy(r => Csv.Int(r[2])).ToDictionary(g => g.Key, g => g.Select(r => Csv.Double(r[3])).ToArray());
        var ours = DriveEvents.Generate(net, 0, 170.0).SelectMany(d => d.ByGid).Where(kv => kv.Value.Length > 0).ToDictionary();
        Assert.Equal(reference.Keys.Order(), ours.Keys.Order());
        var maxError = reference.Max(kv => kv.Value.Zip(ours[kv.Key], (a, b) => Math.Abs(a - b)).DefaultIfEmpty().Max());
        output.WriteLine($"{csv.Rows.Count} events of {reference.Count} drive cells; max |Δt| = {maxError:E1} ms");
        foreach (var (gid, times) in reference) Assert.Equal(times, ours[gid]);
    }

    private static int CompareDrive(NetworkSpec net, Drive d, JsonNode r, double tstop)
    {
        var name = d.Name;
        Assert.Equal(r["gid_range"]![0]!.GetValue<int>(), d.FirstGid);
        Assert.Equal(r["gid_range"]![1]!.GetValue<int>(), d.FirstGid + d.NDriveCells);
        Assert.Equal(r["type"]!.GetValue<string>(), d.Type);
        Assert.Equal(r["location"]!.GetValue<string>(), d.Location);
        Assert.Equal(r["n_drive_cells"]!.GetValue<int>(), d.NDriveCells);
        Assert.Equal(r["cell_specific"]!.GetValue<bool>(), d.CellSpecific);
        Assert.True(r["event_seed"]!.GetValue<long>() == d.EventSeed, $"{name}: event_seed {d.EventSeed} vs {r["event_seed"]}");
        Assert.Equal(r["conn_seed"]!.GetValue<long>(), d.ConnSeed);
        Assert.Equal(r["target_types"]!.AsArray().Select(t => t!.GetValue<string>()), d.TargetTypes);

        var dyn = r["dynamics"]!;
        double N(string key) => dyn[key]!.GetValue<double>();
        switch (d)
        {
            case EvokedDrive e:
                Assert.Equal((N("mu"), N("sigma"), (int)N("numspikes")), (e.Mu, e.Sigma, e.NumSpikes));
                break;
            case BurstyDrive b:
                Assert.Equal((N("tstart"), N("tstart_std"), N("tstop"), N("burst_rate"), N("burst_std"), (int)N("numspikes"), N("spike_isi")),
                    (b.TStart, b.TStartStd, b.TStop!.Value, b.BurstRate, b.BurstStd, b.NumSpikes, b.SpikeIsi));
                break;
            case PoissonDrive p:
                Assert.Equal((N("tstart"), N("tstop")), (p.TStart, p.TStop!.Value));
                Assert.Equal(dyn["rate_constant"]!.AsObject().Select(kv => (kv.Key, kv.Value!.GetValue<double>())),
                    p.RateConstants!.Select(kv => (kv.Key, kv.Value)));
                break;
            default:
                Assert.Fail($"{name}: unexpected drive type {d.Type}");
                break;
        }

        // Stored weights/delays are the arguments; legacy mode adds AMPA 0.0, delay 0.1 for the other types.
        var ampa = r["weights_ampa"]!.AsObject();
        var nmda = r["weights_nmda"]!.AsObject();
        var delays = r["synaptic_delays"]!.AsObject();
        foreach (var t in d.Targets)
        {
            var asked = ampa.ContainsKey(t.CellType) || nmda.ContainsKey(t.CellType);
            Assert.Equal(asked ? ampa[t.CellType]?.GetValue<double>() : 0.0, t.WeightAmpa);
            Assert.Equal(asked ? nmda[t.CellType]?.GetValue<double>() : null, t.WeightNmda);
            Assert.True((asked ? delays[t.CellType]!.GetValue<double>() : 0.1) == t.Delay, $"{name} → {t.CellType}: delay {t.Delay}");
            Assert.Equal(r["probability"]!.GetValue<double>(), t.Probability);
        }

        if (r["events_trial0"] is not JsonArray recorded) return 0;
        var ours = DriveEvents.Generate(net, name, 0, tstop).ByCell;
        Assert.Equal(recorded.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
            Assert.Equal(recorded[i]!.AsArray().Select(x => x!.GetValue<double>()), ours[i]);
        return ours.Sum(e => e.Length);
    }
}
