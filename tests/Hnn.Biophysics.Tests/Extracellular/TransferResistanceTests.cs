using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Network;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>
/// Transfer resistances against HNN-core v0.6.1's _transfer_resistance on the NEURON sections of one
/// cell of each type (tests/data/lfp/transfer.csv.gz; docs/dev/extracellular.md §3–§6), both methods,
/// three min_distance values, shank contacts and contacts placed on a segment centre, on a section's
/// axis and 0.2 µm from it.
/// </summary>
public sealed class TransferResistanceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12; // relative, per weight

    [Fact]
    public void NeuronGeometryGivesHnnCoresWeights()
    {
        var sections = LfpReference.Sections.ToDictionary(s => (s.Gid, s.Name));
        var worst = new Dictionary<string, double>();
        var scratch = new double[64];
        var count = 0;
        foreach (var t in LfpReference.Transfers)
        {
            var s = sections[(t.Gid, t.Section)];
            var line = s.Line;
            TransferResistance.Compute(line, LfpReference.Electrodes[t.Electrode], t.Conductivity, t.Method == "lsa",
                t.MinDistance, scratch);
            var err = Math.Abs(scratch[t.Segment] - t.Value) / Math.Abs(t.Value);
            var key = $"{t.Method} min_distance={t.MinDistance}";
            worst[key] = Math.Max(worst.GetValueOrDefault(key), err);
            count++;
        }
        foreach (var (k, v) in worst.OrderBy(p => p.Key)) output.WriteLine($"{k}: max relative error {v:E3}");
        output.WriteLine($"{count} weights compared");
        Assert.Equal(6, worst.Count);
        Assert.All(worst, p => Assert.True(p.Value <= Tolerance, $"{p.Key}: {p.Value:E3}"));
    }

    [Fact]
    public void TemplatePlacedAtItsPositionIsNeuronsGeometry()
    {
        // Every section of all 270 cells: end points and L as NEURON holds them (§5).
        var net = Jones2009.Create();
        var positions = new Dictionary<int, (CellTemplate Template, Position Position)>();
        var gid = 0;
        foreach (var pop in net.CellTypes)
            foreach (var p in pop.Positions)
                positions[gid++] = (pop.Template, p);
        double worstPoint = 0, worstL = 0;
        var mismatches = 0;
        foreach (var cell in LfpReference.Sections.GroupBy(s => s.Gid))
        {
            var (template, position) = positions[cell.Key];
            var first = cell.First();
            Assert.Equal(first.Position, new Point3(position.X, position.Y, position.Z));
            var lines = NeuronSectionGeometry.Place(template, position).ToDictionary(l => l.Name);
            Assert.Equal(lines.Count, cell.Count());
            foreach (var s in cell)
            {
                var l = lines[s.Name];
                Assert.Equal(s.Nseg, l.SegmentCount);
                var d = new[] { l.Start.X - s.Start.X, l.Start.Y - s.Start.Y, l.Start.Z - s.Start.Z,
                    l.End.X - s.End.X, l.End.Y - s.End.Y, l.End.Z - s.End.Z }.Max(Math.Abs);
                worstPoint = Math.Max(worstPoint, d);
                worstL = Math.Max(worstL, Math.Abs(l.Length - s.L) / s.L);
                if (d != 0 || l.Length != s.L) mismatches++;
            }
        }
        output.WriteLine($"{LfpReference.Sections.Count} sections: largest point difference {worstPoint:E3} µm, " +
                         $"largest relative L difference {worstL:E3}, sections not bit-identical: {mismatches}");
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void CellMatrixFromTemplateGivesHnnCoresWeights()
    {
        // The public path: template + network position + array → W, against the reference weights.
        var net = Jones2009.Create();
        var byGid = new Dictionary<int, (CellTemplate Template, Position Position)>();
        var gid = 0;
        foreach (var pop in net.CellTypes)
            foreach (var p in pop.Positions)
                byGid[gid++] = (pop.Template, p);
        double worst = 0;
        var count = 0;
        foreach (var group in LfpReference.Transfers.GroupBy(t => (t.Gid, t.Method, t.MinDistance, t.Conductivity)))
        {
            var names = group.Select(t => t.Electrode).Distinct().ToArray();
            var array = new ElectrodeArraySpec("probe", names.Select(n => LfpReference.Electrodes[n]).ToArray(),
                group.Key.Conductivity, group.Key.Method, group.Key.MinDistance);
            var (template, position) = byGid[group.Key.Gid];
            var m = CellTransferMatrix.Build(template, position, array);
            foreach (var t in group)
            {
                var w = m[Array.IndexOf(names, t.Electrode), m.Column(t.Section, t.Segment)];
                worst = Math.Max(worst, Math.Abs(w - t.Value) / Math.Abs(t.Value));
                count++;
            }
        }
        output.WriteLine($"{count} weights from templates: max relative error {worst:E3}");
        Assert.True(worst <= Tolerance, $"{worst:E3}");
    }

    [Fact]
    public void MinDistanceClampsThePointSource()
    {
        // An electrode on a segment centre: the distance becomes min_distance, weight 1000/(4π σ d).
        var line = new SectionLine("s", new Point3(0, 0, 0), new Point3(0, 0, 100), 100, 1);
        var w = new double[1];
        TransferResistance.Compute(line, new Point3(0, 0, 50), 0.3, false, 0.5, w);
        var expected = 1000.0 * (1.0 / 0.5) / (4.0 * Math.PI * 0.3);
        output.WriteLine($"psa on the centre: {w[0]} µV/nA, expected {expected}");
        Assert.Equal(expected, w[0]);
    }

    [Fact]
    public void LineSourceHalfLengths()
    {
        // nseg = 5, L = 100: 10 for the first segment, 20 for the inner ones, 10 for the last (§4.1).
        double[] expected = [10, 20, 20, 20, 10];
        for (var k = 0; k < 5; k++) Assert.Equal(expected[k], TransferResistance.HalfLength(k, 5, 100.0), 12);
        Assert.Equal(50.0, TransferResistance.HalfLength(0, 1, 100.0));
    }
}
