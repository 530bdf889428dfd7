using System.Text.Json;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Tests.Drives;

/// <summary>
/// The seed tutorial's Network B (docs/dev/drives.md §10, §4.5) built as the tutorial does: Network A's
/// reference spikes written to spk_0.txt, read back, pyramidal spikes turned into sources
/// "NetA_{type}_GID{gid}", replayed by drive_from_NetA (distal, AMPA L5 0.005 / L2 0.003, conn_seed 42).
/// </summary>
public sealed class SeedReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hnn-seed-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<SpikeFileEntry> WriteAndReadNetworkASpikes()
    {
        var spikes = ReferenceSpikes.ReadData("seed_replay", "net_A", "spikes.csv").Select(s => new SpikeFileEntry(s.Time, s.Gid, s.Type)).ToList();
        SpikeFile.WriteTrials(Path.Combine(_dir, "spk_%d.txt"), [spikes]);
        var trials = SpikeFile.ReadTrials(Path.Combine(_dir, "spk_*.txt"));
        Assert.Single(trials);
        Assert.True(trials[0].Count == 616, $"Extracted {trials[0].Count} spikes from Network A, tutorial printed 616");
        return trials[0];
    }

    private static SpikeData PyramidalSources(IReadOnlyList<SpikeFileEntry> trial0)
    {
        var order = new List<string>();
        var times = new Dictionary<string, List<double>>();
        foreach (var s in trial0.Where(s => s.Type is "L2_pyramidal" or "L5_pyramidal"))
        {
            var id = $"NetA_{s.Type}_GID{s.Gid}";
            if (!times.TryGetValue(id, out var list)) { times[id] = list = []; order.Add(id); }
            list.Add(s.Time);
        }
        return SpikeData.FromSources(order.Select(id => new KeyValuePair<string, IEnumerable<double>>(id, times[id])));
    }

    private static readonly Dictionary<string, double> Weights = new() { ["L5_pyramidal"] = 0.005, ["L2_pyramidal"] = 0.003 };

    [Fact]
    public void NetworkBMatchesTheTutorialRun()
    {
        var netB = Jones2009.Create().AddSpikeTrainDrive("drive_from_NetA", PyramidalSources(WriteAndReadNetworkASpikes()), "distal",
            weightsAmpa: Weights, synapticDelays: 0.1, connSeed: 42);
        var drive = (SpikeTrainDrive)netB.Drives.Single();
        Assert.True(drive.NDriveCells == 139, $"Drive 'drive_from_NetA' created with {drive.NDriveCells} cells, tutorial 139");
        Assert.Equal("range(270, 409)", drive.Gids.ToString());
        var driveConnections = netB.Connections.Where(c => c.SourceType == "drive_from_NetA").ToList();
        Assert.True(driveConnections.Count == 2, $"Number of connections from drive: {driveConnections.Count}, tutorial 2");

        // source → gid map
        var expectedMap = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(TestData.Path("seed_replay", "net_B", "source_to_gid_map.json")))!;
        var map = drive.SourceToGidMap;
        var mapMismatches = expectedMap.Count(kv => !map.TryGetValue(kv.Key, out var i) || i != kv.Value);
        Assert.True(map.Count == expectedMap.Count && mapMismatches == 0, $"source map: {map.Count} entries, {mapMismatches} differ from the reference's {expectedMap.Count}");

        // event times, bit-identical
        var expected = ReferenceEventsTests.ReadEvents(TestData.Path("seed_replay", "net_B", "drive_events.csv"), timeColumn: 3);
        var actual = DriveEvents.Generate(netB, 0, 225.0).Single().ByGid
            .Where(kv => kv.Value.Length > 0).ToDictionary(kv => (0, "drive_from_NetA", kv.Key), kv => kv.Value.ToList());
        var (compared, mismatches, first) = ReferenceEventsTests.Compare(expected, actual);
        Assert.True(compared == 312 && mismatches == 0, $"{compared} replay events compared (reference 312), {mismatches} differ; first {first}");

        // connection pairs (27,800), in order
        var rows = ReadConnections();
        var ours = driveConnections.SelectMany(c => c.Pairs.SelectMany(p => p.Targets.Select(t => (c.TargetType, c.Location, c.Receptor, c.Weight, p.Source, t)))).ToList();
        Assert.True(rows.SequenceEqual(ours), $"drive pairs: ours {ours.Count}, reference {rows.Count} (27,800)");
        Assert.Equal(27800, NetConResolver.Resolve(netB).Count(n => n.SourceGid >= 270));
    }

    private static List<(string, string, string, double, int, int)> ReadConnections() =>
        Csv.ReadData("seed_replay", "net_B", "drive_connections.csv.gz").Rows
            .Select(f => (f[2], f[3], f[4], Csv.Double(f[7]), Csv.Int(f[5]), Csv.Int(f[6]))).ToList();

    [Fact]
    public void SpikeFileGlobFormUsesEverySpikeOfTrialZero()
    {
        WriteAndReadNetworkASpikes();
        var net = Jones2009.Create().AddSpikeTrainDrive("from_files", SpikeData.FromFiles(Path.Combine(_dir, "spk_*.txt")), "distal",
            weightsAmpa: Weights, connSeed: 42);
        var drive = (SpikeTrainDrive)net.Drives.Single();
        // 175 spiking cells of Network A + 235 evdist1 drive cells, keys "{type}_GID{gid}".
        Assert.True(drive.NDriveCells == 13 + 40 + 23 + 99 + 235, $"{drive.NDriveCells} sources from the file");
        Assert.Contains("evdist1_GID273", drive.SourceToGidMap.Keys);
    }

    [Fact]
    public void TargetConfigPatternsNameGroupsOfSources()
    {
        var config = new KeyValuePair<string, ReplayTargetConfig>[]
        {
            new("NetA_L5_pyramidal_*", new ReplayTargetConfig(WeightsAmpa: new Dictionary<string, double> { ["L5_pyramidal"] = 0.005 },
                Location: "distal", SynapticDelays: 1.5, Probability: 0.7)),
            new("NetA_L2_pyramidal_*", new ReplayTargetConfig(WeightsAmpa: new Dictionary<string, double> { ["L2_pyramidal"] = 0.003 },
                Location: "proximal", SynapticDelays: 1.0, Probability: 0.7)),
        };
        var net = Jones2009.Create().AddSpikeTrainDrive("drive_from_NetA", PyramidalSources(WriteAndReadNetworkASpikes()), "distal",
            connSeed: 42, targetConfig: config);
        var drive = (SpikeTrainDrive)net.Drives.Single();
        var l5 = drive.Sources.Count(s => s.Id.StartsWith("NetA_L5", StringComparison.Ordinal));
        Assert.Equal([l5, 139 - l5], drive.TargetGroups.Select(g => g.SourceIndices.Count));
        var entries = net.Connections.Where(c => c.SourceType == "drive_from_NetA").ToList();
        Assert.Equal([("L5_pyramidal", "distal"), ("L2_pyramidal", "proximal")], entries.Select(c => (c.TargetType, c.Location)));
        Assert.Equal((int)Math.Round(l5 * 100 * 0.7, MidpointRounding.ToEven), entries[0].PairCount);
        // 3 NetCons per proximal pyramidal pair, 1 per distal pair.
        Assert.Equal(entries[0].PairCount + 3 * entries[1].PairCount, NetConResolver.Resolve(net).Count(n => n.SourceGid >= 270));
    }

    [Fact]
    public void TargetConfigGivesEachSourceGroupItsOwnConnections()
    {
        // The tutorial's target_config that HNN-core cannot apply: even sources → L5 distal (delay 1.5),
        // odd → L2 proximal (delay 1.0), probability 0.7 each.
        var data = PyramidalSources(WriteAndReadNetworkASpikes());
        var ids = data.Standardize().Sources.Select(s => s.Id).ToList();
        var config = ids.Select((id, i) =>
        {
            var type = i % 2 == 0 ? "L5_pyramidal" : "L2_pyramidal";
            return new KeyValuePair<string, ReplayTargetConfig>(id, new ReplayTargetConfig(
                WeightsAmpa: new Dictionary<string, double> { [type] = i % 2 == 0 ? 0.005 : 0.003 },
                Location: i % 2 == 0 ? "distal" : "proximal",
                SynapticDelays: new Dictionary<string, double> { [type] = i % 2 == 0 ? 1.5 : 1.0 },
                Probability: 0.7, TargetCellTypes: [type]));
        });
        var net = Jones2009.Create().AddSpikeTrainDrive("drive_from_NetA", data, "distal", connSeed: 42, targetConfig: config);
        var entries = net.Connections.Where(c => c.SourceType == "drive_from_NetA").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(("L5_pyramidal", "distal", 1.5, 0.7), (entries[0].TargetType, entries[0].Location, entries[0].Delay, entries[0].Probability));
        Assert.Equal(("L2_pyramidal", "proximal", 1.0, 0.7), (entries[1].TargetType, entries[1].Location, entries[1].Delay, entries[1].Probability));
        Assert.True(entries[0].PairCount == 4900 && entries[1].PairCount == 4830,
            $"pairs kept: L5 {entries[0].PairCount} (70 sources × 100 × 0.7 = 4900), L2 {entries[1].PairCount} (69 × 100 × 0.7 = 4830)");
        Assert.All(entries[0].Pairs, p => Assert.True((p.Source - 270) % 2 == 0));
        Assert.All(entries[1].Pairs, p => Assert.True((p.Source - 270) % 2 == 1));
    }
}
