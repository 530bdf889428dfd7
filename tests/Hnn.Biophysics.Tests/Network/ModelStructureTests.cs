using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Network;

/// <summary>
/// What law_2021_model and calcium_model change, against HNN-core's own objects (tests/data/models/*/
/// model.json and l5_pyramidal_mechanisms.csv): the cell-to-cell connections in order with weight, space
/// constant, autapses and pair count; the synapse time constants; and every L5 pyramidal channel density
/// per segment, including the distance-dependent ones.
/// </summary>
public sealed class ModelStructureTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Models => new()
    {
        { NetworkModels.Law2021Name, "law_2021_erp" },
        { NetworkModels.CalciumName, "calcium_erp" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ConnectionsAreHnnCores(string model, string reference)
    {
        var net = NetworkModels.Create(model);
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.Path("models", reference, "model.json")));
        var cellTypes = net.CellTypeNames.ToHashSet();
        var expected = json.RootElement.GetProperty("connectivity").EnumerateArray()
            .Where(c => cellTypes.Contains(c.GetProperty("src_type").GetString()!)).ToArray();
        Assert.Equal(expected.Length, net.Connections.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var c = net.Connections[i];
            var what = $"{model} connection {i} ({c.SourceType} -> {c.TargetType} {c.Location} {c.Receptor})";
            Assert.True((e.GetProperty("src_type").GetString(), e.GetProperty("target_type").GetString(), e.GetProperty("loc").GetString(),
                e.GetProperty("receptor").GetString()) == (c.SourceType, c.TargetType, c.Location, c.Receptor), what);
            Assert.True(e.GetProperty("A_weight").GetDouble() == c.Weight, $"{what}: weight {c.Weight}");
            Assert.True(e.GetProperty("lamtha").GetDouble() == c.Lamtha, $"{what}: lamtha {c.Lamtha}");
            Assert.True(e.GetProperty("allow_autapses").GetBoolean() == c.AllowAutapses, $"{what}: autapses");
            Assert.True(e.GetProperty("n_pairs").GetInt32() == c.PairCount, $"{what}: {c.PairCount} pairs");
        }
        output.WriteLine($"{model}: {expected.Length} cell-to-cell connections equal to HNN-core's");

        foreach (var type in json.RootElement.GetProperty("synapses").EnumerateObject())
            foreach (var receptor in type.Value.EnumerateObject())
                foreach (var s in net.TemplateOf(type.Name).Synapses.Where(s => s.Receptor == receptor.Name))
                {
                    Assert.Equal(receptor.Value.GetProperty("tau1").GetDouble(), s.Tau1);
                    Assert.Equal(receptor.Value.GetProperty("tau2").GetDouble(), s.Tau2);
                    Assert.Equal(receptor.Value.GetProperty("e").GetDouble(), s.Reversal);
                }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void L5PyramidalDensitiesAreHnnCores(string model, string reference)
    {
        var template = NetworkModels.Create(model, new MeshShape(1, 1)).TemplateOf(CellTemplates.L5Pyramidal);
        var rows = Csv.ReadData("models", reference, "l5_pyramidal_mechanisms.csv").Rows;
        var expected = rows.Select(r => (Section: r[0], Mechanism: r[1], Parameter: r[2], Segment: int.Parse(r[3], CultureInfo.InvariantCulture),
            Value: double.Parse(r[4], CultureInfo.InvariantCulture))).ToArray();
        var ours = template.Sections.SelectMany(s => template.Mechanisms[s.Name].SelectMany(m => m.Parameters.SelectMany(p =>
            Enumerable.Range(0, s.SegmentCount).Select(k => (Section: s.Name, Mechanism: m.Name, Parameter: p.Name, Segment: k, Value: p.At(k))))))
            .ToDictionary(x => (x.Section, x.Mechanism, x.Parameter, x.Segment), x => x.Value);
        Assert.Equal(expected.Length, ours.Count);
        var worst = 0.0;
        foreach (var e in expected)
        {
            Assert.True(ours.TryGetValue((e.Section, e.Mechanism, e.Parameter, e.Segment), out var v),
                $"{model}: no {e.Mechanism}.{e.Parameter} on {e.Section}[{e.Segment}]");
            var rel = Math.Abs(v - e.Value) / Math.Abs(e.Value);
            worst = Math.Max(worst, rel);
            // The C library's exp may differ from numpy's in the last bits (cells.md §5.4).
            Assert.True(rel <= 1e-15, $"{model}: {e.Mechanism}.{e.Parameter} on {e.Section}[{e.Segment}] = {v:R}, HNN-core {e.Value:R}");
        }
        output.WriteLine($"{model}: {expected.Length} L5 pyramidal densities, worst relative difference {worst:E2}");
    }
}
