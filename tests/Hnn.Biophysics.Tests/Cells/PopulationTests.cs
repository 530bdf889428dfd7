using Hnn.Biophysics.Cells;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Cells;

/// <summary>
/// A population of N cells advanced together (4 lanes per vector, padding lanes included)
/// gives each cell exactly the trace it has when simulated alone.
/// </summary>
public sealed class PopulationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CellTemplates.L5Pyramidal, 6)]
    [InlineData(CellTemplates.L2Pyramidal, 5)]
    [InlineData(CellTemplates.L2Basket, 3)]
    public void PopulationOfNEqualsNSingleCells(string cellType, int n)
    {
        const double dt = 0.025, tstop = 60.0;
        var template = CellTemplates.ForType(cellType);
        var section = template.DistalSections.Count > 0 ? template.DistalSections[0] : "soma";
        // Cell c: clamp amplitude grows with c; every other cell also gets a synaptic event.
        double Amp(int c) => 0.05 * c;
        bool HasSyn(int c) => c % 2 == 1;

        var population = new Population(template, n, dt);
        for (var c = 0; c < n; c++)
        {
            population.AddCurrentClamp(c, "soma", 0.5, 5.0, 40.0, Amp(c));
            if (HasSyn(c)) population.Schedule(12.3, c, population.SynapseIndex(section, "ampa"), 0.002 * c);
        }
        var singles = Enumerable.Range(0, n).Select(c =>
        {
            var p = new Population(template, 1, dt);
            p.AddCurrentClamp(0, "soma", 0.5, 5.0, 40.0, Amp(c));
            if (HasSyn(c)) p.Schedule(12.3, 0, p.SynapseIndex(section, "ampa"), 0.002 * c);
            return p;
        }).ToArray();

        var worst = 0.0;
        var worstDipole = 0.0;
        var steps = Hnn.Biophysics.Simulation.TimeGrid.Create(tstop, dt).StepCount;
        for (var k = 0; k < steps; k++)
        {
            population.Step();
            for (var c = 0; c < n; c++)
            {
                singles[c].Step();
                for (var node = 0; node < population.Tree.NodeCount; node++)
                    worst = Math.Max(worst, Math.Abs(population.Voltage(c, node) - singles[c].Voltage(0, node)));
                worstDipole = Math.Max(worstDipole, Math.Abs(population.Dipoles[c] - singles[c].Dipoles[0]));
            }
        }
        var popSpikes = new List<Spike>();
        population.DrainSpikes(popSpikes);
        var singleSpikes = singles.SelectMany((p, c) => { var l = new List<Spike>(); p.DrainSpikes(l); return l.Select(s => s with { Cell = c }); }).ToList();
        output.WriteLine($"{cellType} ×{n}: max|ΔV| = {worst:E2} mV, max|Δdipole| = {worstDipole:E2} fAm, spikes {popSpikes.Count} vs {singleSpikes.Count}");
        Assert.True(worst == 0.0, $"population differs from single cells by {worst:E3} mV");
        Assert.True(worstDipole == 0.0, $"dipoles differ by {worstDipole:E3} fAm");
        Assert.Equal(singleSpikes.OrderBy(s => s.Cell).ThenBy(s => s.Time), popSpikes.OrderBy(s => s.Cell).ThenBy(s => s.Time));
        Assert.NotEmpty(popSpikes); // the comparison covers firing cells, not only rest
    }

    [Fact]
    public void EventsDeliveredInCanonicalOrderWhateverTheQueueOrder()
    {
        var template = CellTemplates.ForType(CellTemplates.L5Pyramidal);
        Population Build(bool reversed)
        {
            var p = new Population(template, 2, 0.025);
            var events = Enumerable.Range(0, 40).Select(i => (t: 5.0 + (i % 7) * 0.0125, cell: i % 2, syn: i % 5, w: 1e-3 * (1 + i % 3))).ToList();
            if (reversed) events.Reverse();
            foreach (var e in events) p.Schedule(e.t, e.cell, e.syn, e.w);
            return p;
        }
        var a = Build(false);
        var b = Build(true);
        for (var k = 0; k < 800; k++) { a.Step(); b.Step(); }
        for (var node = 0; node < a.Tree.NodeCount; node++)
        for (var c = 0; c < 2; c++)
            Assert.Equal(a.Voltage(c, node), b.Voltage(c, node));
    }

    [Fact]
    public void BadArgumentsNameTheValue()
    {
        var t = CellTemplates.ForType(CellTemplates.L2Basket);
        Assert.Contains("at least one cell", Assert.Throws<ArgumentOutOfRangeException>(() => new Population(t, 0, 0.025)).Message);
        var p = new Population(t, 2, 0.025);
        Assert.Contains("[0, 2)", Assert.Throws<ArgumentOutOfRangeException>(() => p.Schedule(1.0, 2, 0, 0.1)).Message);
        Assert.Contains("gabab", Assert.Throws<ArgumentException>(() => p.SynapseIndex("soma", "gabab")).Message);
        Assert.Contains("allowed", Assert.Throws<ArgumentException>(() => CellTemplates.ForType("L4_stellate")).Message);
    }
}
