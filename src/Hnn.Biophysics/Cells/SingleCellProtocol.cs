using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Cells;

/// <summary>An IClamp at soma(0.5): amp nA from delay for duration ms.</summary>
public sealed record CurrentClampInput(double Amplitude, double Delay = 10.0, double Duration = 50.0);

/// <summary>One NetCon event of <paramref name="Weight"/> µS arriving at <paramref name="Time"/> ms on the cell's own Exp2Syn.</summary>
public sealed record SynapticInput(string Receptor, string Section, double Weight, double Time);

/// <summary>
/// One isolated cell, as the reference single-cell runs build it: optional soma IClamp and
/// synaptic events; records every step the columns of `tests/data/single_cell`:
/// time, v_soma, [i_iclamp_nA], [v_&lt;sec&gt;_mid, i_syn_nA, g_syn_uS of the first input],
/// v_&lt;section&gt; (x = 0.5) of every other section, dipole_fAm_raw (pyramidal cells).
/// </summary>
public sealed record SingleCellProtocol(
    string CellType,
    double Tstop = 100.0,
    double Dt = 0.025,
    CurrentClampInput? Clamp = null,
    IReadOnlyList<SynapticInput>? Inputs = null)
{
    /// <summary>Checks every argument; the message names the bad value and what is allowed.</summary>
    public CellTemplate Validate()
    {
        var template = CellTemplates.ForType(CellType);
        Simulation.TimeGrid.Create(Tstop, Dt);
        if (Clamp is { } c)
        {
            if (!double.IsFinite(c.Amplitude)) throw new ArgumentException($"iclamp amplitude must be a finite number of nA, got {c.Amplitude}", nameof(Clamp));
            if (!(c.Delay >= 0) || double.IsInfinity(c.Delay)) throw new ArgumentException($"iclamp delay must be ≥ 0 ms, got {c.Delay}", nameof(Clamp));
            if (!(c.Duration >= 0) || double.IsInfinity(c.Duration)) throw new ArgumentException($"iclamp duration must be ≥ 0 ms, got {c.Duration}", nameof(Clamp));
        }
        foreach (var s in Inputs ?? [])
        {
            template.Section(s.Section);
            if (!Morphology.Receptors.All.Contains(s.Receptor))
                throw new ArgumentException($"receptor '{s.Receptor}' is unknown; allowed: {string.Join(", ", Morphology.Receptors.All)}", nameof(Inputs));
            template.Synapse(s.Section, s.Receptor);
            if (!(s.Weight >= 0) || double.IsInfinity(s.Weight)) throw new ArgumentException($"synaptic weight must be ≥ 0 µS, got {s.Weight}", nameof(Inputs));
            if (!(s.Time >= 0) || double.IsInfinity(s.Time)) throw new ArgumentException($"synaptic event time must be ≥ 0 ms, got {s.Time}", nameof(Inputs));
        }
        return template;
    }

    public SingleCellRun Run()
    {
        var template = Validate();
        var pop = new Population(template, 1, Dt);
        if (Clamp is { } clamp) pop.AddCurrentClamp(0, "soma", 0.5, clamp.Delay, clamp.Duration, clamp.Amplitude);
        var inputs = Inputs ?? [];
        foreach (var s in inputs)
            pop.Schedule(s.Time, 0, pop.SynapseIndex(s.Section, s.Receptor), s.Weight);

        var steps = Simulation.TimeGrid.Create(Tstop, Dt).StepCount;
        var table = new TraceTable(steps + 1);
        var time = table.Add("time");
        var vSoma = table.Add("v_soma");
        var iClamp = Clamp is null ? null : table.Add("i_iclamp_nA");
        int? probe = inputs.Count > 0 ? pop.SynapseIndex(inputs[0].Section, inputs[0].Receptor) : null;
        double[]? vProbe = null, iSyn = null, gSyn = null;
        if (probe is not null)
        {
            vProbe = table.Add($"v_{inputs[0].Section}_mid");
            iSyn = table.Add("i_syn_nA");
            gSyn = table.Add("g_syn_uS");
        }
        var sectionColumns = template.Sections.Skip(1)
            .Select(s => (Node: pop.Tree.NodeAt(s.Name, 0.5), Column: table.Add($"v_{s.Name}"))).ToArray();
        var dipole = template.MeasuresDipole ? table.Add("dipole_fAm_raw") : null;
        var probeNode = probe is null ? 0 : pop.Tree.NodeAt(inputs[0].Section, 0.5);
        var somaNode = pop.Tree.NodeAt("soma", 0.5);

        void Record(int row)
        {
            time[row] = pop.Time;
            vSoma[row] = pop.Voltage(0, somaNode);
            if (vProbe is not null) vProbe[row] = pop.Voltage(0, probeNode);
            foreach (var (node, column) in sectionColumns) column[row] = pop.Voltage(0, node);
            if (dipole is not null) dipole[row] = pop.Dipoles[0];
        }

        Record(0);
        var spikes = new List<Spike>();
        for (var k = 1; k <= steps; k++)
        {
            // Point-process currents are the ones this step's current evaluation computes:
            // the clamp at the mid-step time, the synapse from the pre-step g and v (docs/dev/numerics.md §7).
            if (iClamp is not null) iClamp[k] = pop.ClampCurrent(0, pop.Time + 0.5 * Dt);
            if (probe is { } p)
            {
                gSyn![k] = pop.SynapticConductance(0, p);
                iSyn![k] = pop.SynapticCurrent(0, p);
            }
            pop.Step();
            Record(k);
        }
        pop.DrainSpikes(spikes);
        return new SingleCellRun(table, spikes.Select(s => s.Time).ToArray());
    }
}

/// <summary>Recorded traces and the soma spike times (ms) of one single-cell run.</summary>
public sealed record SingleCellRun(TraceTable Traces, IReadOnlyList<double> SpikeTimes);
