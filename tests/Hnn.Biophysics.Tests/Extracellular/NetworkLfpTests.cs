using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Network;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>
/// The whole column: NEURON's i_membrane_ of all 8770 segments at captured steps (tests/data/lfp/imem.csv.gz),
/// multiplied by the transfer matrices built here from the templates and positions, summed over the 270 cells,
/// against the potentials HNN-core recorded at those samples (docs/dev/extracellular.md §7, §8).
/// </summary>
public sealed class NetworkLfpTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12; // relative to the sample's largest |potential|

    [Theory]
    [InlineData("shank_psa", "psa")]
    [InlineData("shank_lsa", "lsa")]
    public void CurrentsTimesTransferIsHnnCoresPotential(string arrayName, string method)
    {
        var net = Jones2009.Create();
        var array = new ElectrodeArraySpec(arrayName, LfpReference.Shank(), method: method);
        var lfp = LfpReference.ReadRows($"lfp_{arrayName}.csv.gz");
        var rowOf = lfp.Samples.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var imem = LfpReference.MembraneCurrents();
        var sectionsByGid = LfpReference.Sections.GroupBy(s => s.Gid).ToDictionary(g => g.Key, g => g.ToArray());

        // One matrix per cell and, per cell, the reference column of each of our columns.
        var cells = new List<(CellTransferMatrix M, int[] RefColumn)>();
        var matrices = NetworkTransferMatrices.Build(net, array);
        Assert.Equal(270, matrices.Length);
        for (var gid = 0; gid < matrices.Length; gid++)
        {
            var m = matrices[gid];
            var refColumn = new int[m.SegmentCount];
            foreach (var s in sectionsByGid[gid])
                for (var k = 0; k < s.Nseg; k++) refColumn[m.Column(s.Name, k)] = s.FirstColumn + k;
            cells.Add((m, refColumn));
        }

        var checkedSamples = 0;
        double worstAll = 0;
        foreach (var (sample, currents) in imem.OrderBy(p => p.Key))
        {
            if (!rowOf.TryGetValue(sample, out var row)) continue; // lsa is stored every 4th sample
            var potentials = new double[array.ContactCount];
            var cellCurrents = new double[64];
            foreach (var (m, refColumn) in cells)
            {
                var i = cellCurrents.AsSpan(0, m.SegmentCount);
                for (var j = 0; j < i.Length; j++) i[j] = currents[refColumn[j]];
                m.Accumulate(i, potentials);
            }
            double peak = 0, worst = 0;
            for (var c = 0; c < potentials.Length; c++)
            {
                var expected = lfp.Contacts[c][row];
                peak = Math.Max(peak, Math.Abs(expected));
                worst = Math.Max(worst, Math.Abs(potentials[c] - expected));
            }
            output.WriteLine($"{arrayName} sample {sample} (t = {lfp.Times[row]} ms): peak |V| {peak:E4} µV, " +
                             $"max error {worst:E3} µV = {worst / peak:E3} of the peak");
            worstAll = Math.Max(worstAll, worst / peak);
            checkedSamples++;
        }
        Assert.True(checkedSamples >= 3, $"{checkedSamples} samples checked");
        Assert.True(worstAll <= Tolerance, $"{worstAll:E3}");
    }

    [Fact]
    public void ColumnsAreTheSolversMembraneNodesAndAccumulateDoesNotAllocate()
    {
        // Column j of a cell's matrix is CableTree.MembraneNodes[j] (sections in template order, segments from the 0 end).
        var array = new ElectrodeArraySpec("a", LfpReference.Shank(), method: "lsa");
        foreach (var name in CellTemplates.Names)
        {
            var template = CellTemplates.ForType(name);
            var tree = new Hnn.Biophysics.Solver.CableTree(template);
            var m = CellTransferMatrix.Build(template, new Position(0, 0, 0), array);
            Assert.Equal(tree.MembraneCount, m.SegmentCount);
            var j = 0;
            foreach (var (section, k) in m.SegmentOrder())
            {
                var node = tree.MembraneNodes[j];
                var si = template.SectionIndex(section);
                Assert.Equal(si, tree.SectionOfNode[node]);
                Assert.Equal(tree.FirstMembraneNode[si] + k, node);
                Assert.Equal(j, m.Column(section, k));
                j++;
            }
            output.WriteLine($"{name}: {m.SegmentCount} columns = CableTree membrane nodes");
            var currents = new double[m.SegmentCount];
            var potentials = new double[m.ContactCount];
            m.Accumulate(currents, potentials);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var step = 0; step < 100; step++) m.Accumulate(currents, potentials);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    [Fact]
    public void SamplingStartsAtZeroWithAZeroPotential()
    {
        // §8: one sample per step plus the t = 0 sample, which HNN-core defines as 0 µV.
        var lfp = LfpReference.ReadRows("lfp_shank_psa.csv.gz");
        Assert.Equal(6801, lfp.Samples.Length);
        Assert.Equal(LfpReference.Summary.GetProperty("n_samples").GetInt32(), lfp.Samples.Length);
        Assert.Equal(0.0, lfp.Times[0]);
        Assert.All(lfp.Contacts, c => Assert.Equal(0.0, c[0]));
        Assert.All(lfp.Contacts, c => Assert.NotEqual(0.0, c[1]));
    }

    [Fact]
    public void MembraneCurrentsOfACellSumToZero()
    {
        // With no electrode current, a cell's segment currents balance (§8): a check for whoever wires them.
        var imem = LfpReference.MembraneCurrents();
        foreach (var (sample, currents) in imem.OrderBy(p => p.Key))
        {
            double worst = 0, scale = 0;
            foreach (var cell in LfpReference.Sections.GroupBy(s => s.Gid))
            {
                double sum = 0, abs = 0;
                foreach (var s in cell)
                    for (var k = 0; k < s.Nseg; k++)
                    {
                        sum += currents[s.FirstColumn + k];
                        abs = Math.Max(abs, Math.Abs(currents[s.FirstColumn + k]));
                    }
                worst = Math.Max(worst, Math.Abs(sum));
                scale = Math.Max(scale, abs);
            }
            output.WriteLine($"sample {sample}: largest |Σ i_membrane_| of a cell {worst:E3} nA (largest |i_membrane_| {scale:E3} nA)");
            Assert.True(worst <= 1e-9 * Math.Max(scale, 1e-3), $"{worst:E3}");
        }
    }
}
