using Hnn.Biophysics.Cells;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Cells;

/// <summary>
/// docs/dev/numerics.md §10 "protocol B": the four cells driven by VecStim events and wired by
/// four cell-to-cell NetCons (80 ms, 14 spikes, cai up to 0.25 mM). Compares every recorded
/// column (v, cai, dipoles) and every spike with NEURON 8.2.2.
/// </summary>
public sealed class ProtocolBTests(ITestOutputHelper output)
{
    private sealed record Drive(string Cell, string Section, string Receptor, double[] Times, double Weight, double Delay);

    private static readonly Drive[] Drives =
    [
        new(CellTemplates.L5Pyramidal, "basal_2", "ampa", [5.0, 5.3, 20.0], 0.02, 1.0),
        new(CellTemplates.L5Pyramidal, "apical_oblique", "ampa", [5.0, 40.0], 0.01, 1.0),
        new(CellTemplates.L5Pyramidal, "apical_tuft", "nmda", [12.345, 60.0], 0.01, 0.1),
        new(CellTemplates.L5Pyramidal, "apical_tuft", "ampa", [12.345, 61.0, 62.0], 0.02, 0.1),
        new(CellTemplates.L5Pyramidal, "soma", "gabaa", [30.0], 0.01, 1.0),
        new(CellTemplates.L5Pyramidal, "soma", "gabab", [30.0], 0.002, 1.0),
        new(CellTemplates.L2Pyramidal, "basal_3", "ampa", [3.0, 3.1, 25.0], 0.01, 0.1),
        new(CellTemplates.L2Pyramidal, "apical_tuft", "ampa", [10.0, 10.0125], 0.01, 0.1),
        new(CellTemplates.L2Pyramidal, "apical_oblique", "nmda", [15.0], 0.005, 0.1),
        new(CellTemplates.L2Basket, "soma", "ampa", [2.0, 2.0, 8.0], 0.01, 0.1),
        new(CellTemplates.L5Basket, "soma", "ampa", [4.0, 4.0125, 50.0], 0.01, 1.0),
        new(CellTemplates.L5Basket, "soma", "nmda", [4.0], 0.002, 1.0),
    ];

    // Cell-to-cell NetCons: source soma detector → target synapse (weight µS, delay ms).
    private static readonly (string From, string To, string Section, string Receptor, double Weight, double Delay)[] Wires =
    [
        (CellTemplates.L5Basket, CellTemplates.L5Pyramidal, "soma", "gabaa", 0.005, 1.0),
        (CellTemplates.L2Basket, CellTemplates.L2Pyramidal, "soma", "gabaa", 0.005, 1.0),
        (CellTemplates.L2Pyramidal, CellTemplates.L5Pyramidal, "apical_tuft", "ampa", 0.005, 3.0),
        (CellTemplates.L5Pyramidal, CellTemplates.L5Basket, "soma", "ampa", 0.005, 1.0),
    ];

    [Fact]
    public void FourWiredCellsMatchNeuron()
    {
        const double dt = 0.025, tstop = 80.0;
        var cells = CellTemplates.Names.ToDictionary(n => n, n => new Population(CellTemplates.ForType(n), 1, dt));
        foreach (var d in Drives)
        {
            var pop = cells[d.Cell];
            // VecStim emits each next event at t_prev + (t_next − t_prev) (docs/dev/mechanisms.md §15).
            var t = d.Times[0];
            for (var i = 0; i < d.Times.Length; i++)
            {
                if (i > 0) t += d.Times[i] - d.Times[i - 1];
                pop.Schedule(t + d.Delay, 0, pop.SynapseIndex(d.Section, d.Receptor), d.Weight);
            }
        }

        var reference = ReadTraces();
        var columns = reference.Keys.Where(k => k != "t_ms").ToArray();
        var worst = columns.ToDictionary(c => c, _ => 0.0);
        double Probe(string column)
        {
            var parts = column.Split('.');
            var pop = cells[parts[0]];
            if (parts[1] == "dipole_fAm") return pop.Dipoles[0];
            var section = parts[1][..parts[1].IndexOf('(')];
            var node = pop.Tree.NodeAt(section, 0.5);
            return parts[^1] == "cai_mM" ? pop.CalciumConcentration(0, node) : pop.Voltage(0, node);
        }

        var spikes = new List<(double Time, string Cell)>();
        var buffer = new List<Spike>();
        var steps = Hnn.Biophysics.Simulation.TimeGrid.Create(tstop, dt).StepCount;
        for (var k = 0; k <= steps; k++)
        {
            if (k > 0)
            {
                foreach (var pop in cells.Values) pop.Step();
                foreach (var (name, pop) in cells)
                {
                    buffer.Clear();
                    pop.DrainSpikes(buffer);
                    foreach (var s in buffer)
                    {
                        spikes.Add((s.Time, name));
                        foreach (var w in Wires.Where(w => w.From == name))
                            cells[w.To].Schedule(s.Time + w.Delay, 0, cells[w.To].SynapseIndex(w.Section, w.Receptor), w.Weight);
                    }
                }
            }
            foreach (var c in columns)
                worst[c] = Math.Max(worst[c], Math.Abs(Probe(c) - reference[c][k]));
        }

        foreach (var (c, e) in worst) output.WriteLine($"{c}: max|Δ| = {e:E2}");
        var expected = Csv.ReadData("protocol_B", "spikes.csv").Rows.Where(p => !p[1].StartsWith("drive", StringComparison.Ordinal))
            .Select(p => (Time: Csv.Double(p[0]), Cell: p[1])).ToList();
        var actual = spikes.OrderBy(s => s.Time).ToList();
        output.WriteLine($"spikes: {actual.Count} (NEURON {expected.Count})");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Cell, actual[i].Cell);
            Assert.True(Math.Abs(expected[i].Time - actual[i].Time) < 1e-9, $"spike {i}: {actual[i].Time} vs NEURON {expected[i].Time}");
        }
        foreach (var (c, e) in worst)
        {
            var peak = reference[c].Max(Math.Abs);
            var tolerance = c.EndsWith("_mV", StringComparison.Ordinal) ? 1e-3 : 1e-3 * peak;
            Assert.True(e <= tolerance, $"{c}: max|Δ| {e:E3} > {tolerance:E3}");
        }
    }

    private static Dictionary<string, double[]> ReadTraces() => Csv.ReadData("protocol_B", "traces.csv.gz").NumericColumns();
}
