using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Tests.Drives;

/// <summary>
/// Every event of reference/drive_events/*/events.csv (HNN-core v0.6.1, numpy 1.24.2), rebuilt from
/// the recorded add_*_drive calls through the experiment-file reader: same gids, bit-identical times,
/// and the same drive connection pairs (drive_connectivity.csv), probability &lt; 1 included.
/// </summary>
public class ReferenceEventsTests
{
    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestData.Path("drive_events")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    /// <summary>The reference's add_*_drive calls as an experiment file on the default 10×10 model.</summary>
    internal static (NetworkSpec Net, JsonNode Meta) BuildFromMeta(string config)
    {
        var meta = JsonNode.Parse(File.ReadAllText(TestData.Path("drive_events", config, "meta.json")))!;
        var drives = new JsonArray();
        foreach (var call in meta["add_drive_calls"]!.AsArray())
        {
            var entry = new JsonObject { ["type"] = call![0]!.GetValue<string>(), ["name"] = call[1]!.GetValue<string>() };
            foreach (var (k, v) in call[2]!.AsObject()) entry[k] = v?.DeepClone();
            drives.Add(entry);
        }
        var experiment = new JsonObject
        {
            ["network"] = new JsonObject { ["model"] = "jones_2009_model" },
            ["tstop"] = meta["tstop"]!.DeepClone(),
            ["n_trials"] = meta["n_trials"]!.DeepClone(),
            ["drives"] = drives,
        };
        var spec = ExperimentReader.Parse(experiment.ToJsonString());
        return (ExperimentBuilder.BuildNetwork(spec), meta);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void EventsAreBitIdentical(string config)
    {
        var (net, meta) = BuildFromMeta(config);
        Assert.True(meta["n_gids"]!.GetValue<int>() == net.TotalGids, $"{config}: n_gids {net.TotalGids}, reference {meta["n_gids"]}");
        foreach (var (name, range) in meta["gid_ranges"]!.AsObject())
        {
            var r = net.RangeOf(name);
            Assert.True(r.Start == range![0]!.GetValue<int>() && r.Stop == range[1]!.GetValue<int>(), $"{config}: gid range of {name} is {r}, reference {range.ToJsonString()}");
        }

        var expected = ReadEvents(TestData.Path("drive_events", config, "events.csv"), timeColumn: 6);
        var tstop = meta["tstop"]!.GetValue<double>();
        var nTrials = meta["n_trials"]!.GetValue<int>();
        var actual = new Dictionary<(int, string, int), List<double>>();
        foreach (var trial in DriveEvents.GenerateAll(net, nTrials, tstop))
            foreach (var drive in trial)
                foreach (var (gid, times) in drive.ByGid)
                    if (times.Length > 0) actual[(drive.Trial, drive.Drive, gid)] = [.. times];

        var (compared, mismatches, firstMismatch) = Compare(expected, actual);
        Assert.True(mismatches == 0 && compared == meta["n_events_total"]!.GetValue<int>(),
            $"{config}: {compared} reference events compared, {mismatches} not bit-identical; first: {firstMismatch}");
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void DriveConnectionPairsMatch(string config)
    {
        var (net, _) = BuildFromMeta(config);
        var rows = Csv.ReadData("drive_events", config, "drive_connectivity.csv").Rows;
        var byIndex = rows.GroupBy(r => Csv.Int(r[0])).ToList();
        var driveConnections = net.Connections.Select((c, i) => (c, i)).Where(p => net.DriveNamed(p.c.SourceType) is not null).ToList();
        Assert.True(byIndex.Count == driveConnections.Count, $"{config}: {driveConnections.Count} drive connections, reference {byIndex.Count}");
        var pairs = 0;
        foreach (var group in byIndex)
        {
            var c = net.Connections[group.Key];
            var first = group.First();
            Assert.Equal((first[1], first[2], first[3], first[4]), (c.SourceType, c.TargetType, c.Location, c.Receptor));
            Assert.Equal(Csv.Double(first[7]), c.Weight);
            Assert.Equal(Csv.Double(first[8]), c.Delay);
            Assert.Equal(Csv.Double(first[9]), c.Lamtha);
            Assert.Equal(Csv.Double(first[12]), c.Probability);
            var expectedPairs = group.Select(r => (Csv.Int(r[5]), Csv.Int(r[6]))).ToList();
            var actualPairs = c.Pairs.SelectMany(p => p.Targets.Select(t => (p.Source, t))).ToList();
            Assert.True(expectedPairs.SequenceEqual(actualPairs),
                $"{config} connection {group.Key}: {actualPairs.Count} pairs, reference {expectedPairs.Count}; first difference at " +
                $"{expectedPairs.Zip(actualPairs).TakeWhile(p => p.First == p.Second).Count()}");
            pairs += actualPairs.Count;
        }
        Assert.True(pairs == rows.Count, $"{config}: {pairs} pairs compared, reference rows {rows.Count}");
    }

    [Fact]
    public void PrunedCellSpecificDriveCellsAreNotBuilt()
    {
        // docs/dev/drives.md §5: with probability 0.5 only drive cells that kept their target are instantiated.
        var (net, _) = BuildFromMeta("evoked_ns1_cell_specific_prob0.5");
        var built = net.BuiltDriveGids("evprox_p05");
        var sources = Csv.ReadData("drive_events", "evoked_ns1_cell_specific_prob0.5", "drive_connectivity.csv").Ints(5).ToHashSet();
        Assert.True(built.SetEquals(sources), $"{built.Count} drive cells built, reference connectivity has {sources.Count} sources");
        Assert.Equal(136, built.Count);
        var (all, _) = BuildFromMeta("evoked_ns1_not_cell_specific_n5");
        Assert.Equal(5, all.BuiltDriveGids("evprox_ns1_nocs").Count);
    }

    [Fact]
    public void ErpDriveEventsAreBitIdentical()
    {
        var net = Jones2009.AddErpDrives(Jones2009.Create());
        var expected = ReadEvents(TestData.Path("erp", "n_trials_1", "drive_events.csv"), timeColumn: 3);
        var actual = new Dictionary<(int, string, int), List<double>>();
        foreach (var drive in DriveEvents.Generate(net, 0, 170.0))
            foreach (var (gid, times) in drive.ByGid)
                if (times.Length > 0) actual[(0, drive.Drive, gid)] = [.. times];
        var (compared, mismatches, first) = Compare(expected, actual);
        Assert.True(mismatches == 0 && compared == 775, $"ERP: {compared} events compared (expected 775), {mismatches} differ; first: {first}");
    }

    [Fact]
    public void ErpDrives_FirstAndLastDriveCellEvents_MatchSpecVectors()
    {
        // docs/dev/drives.md §6.3: first/last drive cell of the ERP drives.
        var events = DriveEvents.Generate(Jones2009.AddErpDrives(Jones2009.Create()), 0, 170.0);
        Assert.Equal(66.30498327062551, events[0].ByCell[0][0]);
        Assert.Equal(66.33129889343446, events[0].ByCell[^1][0]);
        Assert.Equal(23.80641637082997, events[1].ByCell[0][0]);
        Assert.Equal(30.857310915553647, events[1].ByCell[^1][0]);
        Assert.Equal(141.76252038319825, events[2].ByCell[0][0]);
        Assert.Equal(137.73942375578602, events[2].ByCell[^1][0]);
    }

    internal static Dictionary<(int, string, int), List<double>> ReadEvents(string path, int timeColumn)
    {
        var result = new Dictionary<(int, string, int), List<double>>();
        foreach (var f in Csv.Read(path).Rows)
        {
            var key = (Csv.Int(f[0]), f[1], Csv.Int(f[2]));
            if (!result.TryGetValue(key, out var list)) result[key] = list = [];
            list.Add(Csv.Double(f[timeColumn]));
        }
        return result;
    }

    internal static (int Compared, int Mismatches, string First) Compare(
        Dictionary<(int, string, int), List<double>> expected, Dictionary<(int, string, int), List<double>> actual)
    {
        int compared = 0, mismatches = 0;
        var first = "none";
        foreach (var (key, times) in expected)
        {
            actual.TryGetValue(key, out var mine);
            mine ??= [];
            var sorted = times.Order().ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                compared++;
                if (i >= mine.Count || BitConverter.DoubleToInt64Bits(sorted[i]) != BitConverter.DoubleToInt64Bits(mine[i]))
                {
                    if (mismatches++ == 0)
                        first = $"{key}: reference {sorted[i]:R}, ours {(i < mine.Count ? mine[i].ToString("R", CultureInfo.InvariantCulture) : "missing")}";
                }
            }
        }
        var extra = actual.Where(kv => !expected.ContainsKey(kv.Key)).Sum(kv => kv.Value.Count);
        if (extra > 0)
        {
            mismatches += extra;
            if (first == "none") first = $"{extra} events not in the reference, e.g. {actual.First(kv => !expected.ContainsKey(kv.Key)).Key}";
        }
        return (compared, mismatches, first);
    }
}
