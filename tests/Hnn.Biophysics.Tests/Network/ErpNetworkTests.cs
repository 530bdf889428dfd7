using Hnn.Biophysics.Network;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Network;

/// <summary>
/// The default column with the ERP drives against what HNN-core/NEURON built
/// (tests/data/erp: cell_positions.csv, netcons.csv.gz with all 191,025 NetCons).
/// </summary>
public class ErpNetworkTests(ITestOutputHelper output)
{
    private static readonly Lazy<NetworkSpec> Erp = new(() => Jones2009.AddErpDrives(Jones2009.Create()));

    [Fact]
    public void GidRangesOfTheErpNetwork()
    {
        var ranges = Erp.Value.GidRanges.Select(r => $"{r.Name} {r}").ToArray();
        Assert.Equal(
            ["L2_basket range(0, 35)", "L2_pyramidal range(35, 135)", "L5_basket range(135, 170)", "L5_pyramidal range(170, 270)",
             "evdist1 range(270, 505)", "evprox1 range(505, 775)", "evprox2 range(775, 1045)"], ranges);
        Assert.Equal(1045, Erp.Value.TotalGids);
        Assert.Equal(270, Erp.Value.CellCount);
        Assert.Equal(16 + 14, Erp.Value.Connections.Count);
    }

    [Fact]
    public void PositionsAreExactlyHnnCores()
    {
        var net = Erp.Value;
        var rows = Csv.ReadData("erp", "cell_positions.csv").Rows;
        var mismatches = new List<string>();
        foreach (var r in rows)
        {
            var gid = Csv.Int(r[1]);
            var expected = new Position(Csv.Double(r[2]), Csv.Double(r[3]), Csv.Double(r[4]));
            if (net.GidToType(gid) != r[0] || net.PositionOf(gid) != expected)
                mismatches.Add($"gid {gid}: ours {net.GidToType(gid)} {net.PositionOf(gid)}, reference {r[0]} {expected}");
        }
        Assert.True(rows.Count == 1045 && mismatches.Count == 0,
            $"{rows.Count} positions compared, {mismatches.Count} differ: {string.Join("; ", mismatches.Take(3))}");
    }

    [Fact]
    public void NetConsMatchNeuronsExactly()
    {
        var net = Erp.Value;
        var ours = NetConResolver.Resolve(net);
        var expected = Csv.ReadData("erp", "netcons.csv.gz").Rows
            .Select(f => (Name: f[0], Src: Csv.Int(f[1]), Tgt: Csv.Int(f[2]), Section: f[3], Receptor: f[4], Weight: Csv.Double(f[5]), Delay: Csv.Double(f[6])))
            .ToList();
        var mine = ours.Select(n =>
        {
            var c = net.Connections[n.ConnectionIndex];
            return (Name: NetConResolver.GroupName(c.SourceType, c.TargetType, c.Receptor), Src: n.SourceGid, Tgt: n.TargetGid,
                n.Section, n.Receptor, n.Weight, n.Delay);
        }).ToList();

        var key = (Func<(string Name, int Src, int Tgt, string Section, string Receptor, double Weight, double Delay), (string, int, int, string, string)>)
            (x => (x.Name, x.Src, x.Tgt, x.Section, x.Receptor));
        var e = expected.OrderBy(key).ToList();
        var m = mine.OrderBy(key).ToList();
        Assert.True(e.Count == 191025 && m.Count == e.Count, $"NetCons: ours {m.Count}, reference {e.Count} (expected 191,025)");
        double maxWeightRel = 0, maxDelayRel = 0;
        int keyMismatches = 0, bitIdentical = 0;
        for (var i = 0; i < e.Count; i++)
        {
            if (key(e[i]) != key(m[i])) { keyMismatches++; continue; }
            maxWeightRel = Math.Max(maxWeightRel, Math.Abs(m[i].Weight - e[i].Weight) / Math.Abs(e[i].Weight));
            maxDelayRel = Math.Max(maxDelayRel, Math.Abs(m[i].Delay - e[i].Delay) / Math.Abs(e[i].Delay));
            if (m[i].Weight == e[i].Weight && m[i].Delay == e[i].Delay) bitIdentical++;
        }
        output.WriteLine($"{e.Count} NetCons compared: {keyMismatches} key mismatches, max rel. error weight {maxWeightRel:E3}, delay {maxDelayRel:E3}, {bitIdentical} bit-identical");
        Assert.True(keyMismatches == 0 && maxWeightRel <= 1e-12 && maxDelayRel <= 1e-12,
            $"{e.Count} NetCons: {keyMismatches} (name, src, target, section, receptor) mismatches; max relative error weight {maxWeightRel:E3}, " +
            $"delay {maxDelayRel:E3}; {bitIdentical} bit-identical in both");
    }

    [Fact]
    public void WorkedWeightAndDelayValues()
    {
        // docs/dev/network.md §6 table (verified values, full precision).
        (double w, double d, double l, Position s, Position t, double ew, double ed)[] cases =
        [
            (0.005, 0.1, 3, new(4, 4, 0), new(0, 0, 0), 0.00014282750392275177, 3.5007263045808386),
            (0.005, 0.1, 3, new(4, 4, 0), new(4, 4, 0), 0.005, 0.1),
            (0.005, 0.1, 3, new(4, 4, 0), new(9, 9, 0), 1.932960069736402e-05, 25.86706305155),
            (0.005, 0.1, 3, new(4, 4, 0), new(5, 4, 0), 0.004474196584071849, 0.11175190687418637),
            (0.0005, 1.0, 3, new(0, 0, 0), new(0, 1, 0), 0.0004474196584071849, 1.1175190687418637),
            (0.05, 1.0, 50, new(9, 9, 0), new(0, 0, 0), 0.04686274478063389, 1.0669456139210733),
        ];
        foreach (var c in cases)
        {
            var (w, d) = NetConResolver.WeightAndDelay(c.w, c.d, c.s, c.t, c.l);
            Assert.True(Math.Abs(w - c.ew) <= 1e-15 * c.ew && Math.Abs(d - c.ed) <= 1e-14 * c.ed,
                $"{c.s}->{c.t} lamtha {c.l}: weight {w:R} (ref {c.ew:R}), delay {d:R} (ref {c.ed:R})");
        }
    }
}
