using System.Text.Json.Nodes;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.NetworkConfig;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>Reading HNN-core's files (docs/dev/io.md §5.3): what is read equals the network the file was written from.</summary>
public class NetworkConfigReaderTests(ITestOutputHelper output)
{
    [Fact]
    public void ErpFileIsTheErpNetwork()
    {
        var config = NetworkConfigFile.Read(ConfigFiles.Path("erp"));
        var read = config.Network;
        var built = ConfigFiles.Erp5x5();
        Assert.True(config.HasBuiltInCells);
        Assert.Empty(config.Notes);
        Assert.Equal(built.GidRanges, read.GidRanges);
        Assert.Equal(built.MeshShape, read.MeshShape);
        Assert.Equal(built.Origin, read.Origin);
        foreach (var (a, b) in built.CellTypes.Zip(read.CellTypes))
        {
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.Positions, b.Positions);
            Assert.Same(a.Template, b.Template);
        }
        Assert.Equal(built.Connections.Count, read.Connections.Count);
        foreach (var (a, b) in built.Connections.Zip(read.Connections))
        {
            Assert.Equal((a.SourceType, a.TargetType, a.Location, a.Receptor, a.Weight, a.Delay, a.Lamtha, a.Gain, a.AllowAutapses, a.Probability),
                (b.SourceType, b.TargetType, b.Location, b.Receptor, b.Weight, b.Delay, b.Lamtha, b.Gain, b.AllowAutapses, b.Probability));
            Assert.Equal(a.Pairs.Select(p => (p.Source, string.Join(",", p.Targets))), b.Pairs.Select(p => (p.Source, string.Join(",", p.Targets))));
        }
        Assert.Equal(built.Drives.Select(d => (d.Name, d.Type, d.FirstGid, d.NDriveCells, d.EventSeed, d.ConnSeed, d.SpaceConstant)),
            read.Drives.Select(d => (d.Name, d.Type, d.FirstGid, d.NDriveCells, d.EventSeed, d.ConnSeed, d.SpaceConstant)));
        Assert.Equal(built.Drives.SelectMany(d => d.Targets), read.Drives.SelectMany(d => d.Targets));
        Assert.Equal(DriveEvents.Generate(built, 0, 170).SelectMany(d => d.ByCell.SelectMany(t => t)),
            DriveEvents.Generate(read, 0, 170).SelectMany(d => d.ByCell.SelectMany(t => t)));
    }

    /// <summary>Every section and mechanism value of an unedited file is the built-in template's; gbar_ar up to numpy's exp rounding.</summary>
    [Fact]
    public void UneditedCellsAreTheBuiltInTemplates()
    {
        var root = JsonNode.Parse(ConfigFiles.Text("erp"))!;
        int values = 0, exact = 0;
        long maxUlps = 0;
        foreach (var name in CellTemplates.Names)
        {
            var template = CellTemplates.ForType(name);
            var sections = root["cell_types"]![name]!["cell_object"]!["sections"]!.AsObject();
            Assert.Equal(template.SectionNames.Order(), sections.Select(s => s.Key).Order());
            foreach (var (sectionName, node) in sections)
            {
                var s = template.Section(sectionName);
                Assert.Equal(s.Length, node!["L"]!.GetValue<double>());
                Assert.Equal(s.Diameter, node["diam"]!.GetValue<double>());
                Assert.Equal(s.Capacitance, node["cm"]!.GetValue<double>());
                Assert.Equal(s.AxialResistivity, node["Ra"]!.GetValue<double>());
                Assert.Equal(s.InitialVoltage, node["v0"]!.GetValue<double>());
                Assert.Equal(s.SegmentCount, node["nseg"]!.GetValue<int>());
                var mechs = node["mechs"]!.AsObject();
                var ours = template.Mechanisms[sectionName];
                Assert.Equal(ours.Select(m => m.Name), mechs.Select(m => m.Key));
                foreach (var m in ours)
                {
                    var stored = mechs[m.Name]!.AsObject();
                    Assert.Equal(m.Parameters.Select(p => p.Name), stored.Select(p => p.Key));
                    foreach (var p in m.Parameters)
                    {
                        if (p.PerSegment is null)
                        {
                            Assert.Equal(p.Value, stored[p.Name]!.GetValue<double>());
                            continue;
                        }
                        var file = stored[p.Name]![1]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                        Assert.Equal(p.PerSegment.Count, file.Length);
                        for (var k = 0; k < file.Length; k++)
                        {
                            values++;
                            var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(file[k]) - BitConverter.DoubleToInt64Bits(p.PerSegment[k]));
                            if (ulps == 0) exact++;
                            maxUlps = Math.Max(maxUlps, ulps);
                        }
                    }
                }
            }
        }
        output.WriteLine($"per-segment gbar_ar: {exact} of {values} bit-identical to HNN-core's, the others within {maxUlps} ulp (numpy's exp vs the C library's)");
        Assert.InRange(maxUlps, 0, 2);
        Assert.True(exact >= values * 3 / 4);
    }

    [Theory]
    [InlineData("erp")]
    [InlineData("bias_conns")]
    [InlineData("spike_train")]
    [InlineData("edited_cell")]
    public void ReadWriteReadRoundTrips(string folder)
    {
        var first = NetworkConfigFile.ToJson(NetworkConfigFile.Read(ConfigFiles.Path(folder)).Network);
        var second = NetworkConfigFile.ToJson(NetworkConfigFile.Parse(first, "written.json").Network);
        Assert.Equal(first, second);
        // And against HNN-core's own file: the same JSON values (numbers compared as numbers).
        var differences = JsonDifferences(JsonNode.Parse(ConfigFiles.Text(folder)), JsonNode.Parse(first), "$").ToArray();
        foreach (var d in differences.Take(10)) output.WriteLine(d);
        output.WriteLine($"{folder}: {differences.Length} values differ from HNN-core's file");
        Assert.Empty(differences);
    }

    /// <summary>JSON paths where two documents differ; numbers equal as doubles count as equal, gbar_ar within 4 ulp too.</summary>
    internal static IEnumerable<string> JsonDifferences(JsonNode? a, JsonNode? b, string path)
    {
        // A drive keeps per-type values only (docs/dev/io.md §5.4): weights in cell-type order, a common
        // delay written per type. Same values, other form.
        if (System.Text.RegularExpressions.Regex.IsMatch(path, @"^\$\.external_drives\.[^.]+\.(weights_ampa|weights_nmda|synaptic_delays|probability)$"))
        {
            if (!PerType(a, b).SequenceEqual(PerType(b, a))) yield return $"{path}: {a?.ToJsonString()} vs {b?.ToJsonString()}";
            yield break;
        }
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                if (!oa.Select(p => p.Key).SequenceEqual(ob.Select(p => p.Key))) { yield return $"{path}: keys differ"; yield break; }
                foreach (var (k, v) in oa)
                    foreach (var d in JsonDifferences(v, ob[k], $"{path}.{k}")) yield return d;
                break;
            case (JsonArray xa, JsonArray xb):
                if (xa.Count != xb.Count) { yield return $"{path}: {xa.Count} vs {xb.Count} items"; yield break; }
                for (var i = 0; i < xa.Count; i++)
                    foreach (var d in JsonDifferences(xa[i], xb[i], $"{path}[{i}]")) yield return d;
                break;
            case (JsonValue va, JsonValue vb) when va.TryGetValue<double>(out var da) && vb.TryGetValue<double>(out var db):
                if (da != db && !(path.Contains("gbar_ar") && ConfigCells.UlpComparer.Equals(da, db))) yield return $"{path}: {da:R} vs {db:R}";
                break;
            default:
                if (!JsonNode.DeepEquals(a, b)) yield return $"{path}: {a?.ToJsonString()} vs {b?.ToJsonString()}";
                break;
        }
    }

    private static IEnumerable<(string, double)> PerType(JsonNode? value, JsonNode? other) => value switch
    {
        JsonObject o => o.Select(p => (p.Key, p.Value!.GetValue<double>())).Order(),
        JsonValue v when other is JsonObject keys => keys.Select(p => (p.Key, v.GetValue<double>())).Order(),
        JsonValue v => [("", v.GetValue<double>())],
        _ => [],
    };
}
