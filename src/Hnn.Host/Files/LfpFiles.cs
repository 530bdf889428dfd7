using Hnn.Actors.Engine;
using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Recording;
using Hnn.Host.Plots;

namespace Hnn.Host.Files;

/// <summary>
/// What a run with electrode arrays writes (docs/experiment-file.md, electrode_arrays): per array and trial
/// <c>lfp_&lt;array&gt;_&lt;trial&gt;.csv</c> (µV, a time column and one per contact), and for a laminar array
/// (equally spaced along z) trial 0's laminar traces <c>lfp_&lt;array&gt;.png</c> and, with 4 or more
/// contacts, its current source density <c>csd_&lt;array&gt;.png</c> (HNN-core's plot_laminar_lfp and
/// plot_laminar_csd).
/// </summary>
internal static class LfpFiles
{
    public static void Write(string dir, SimulationResult result, IReadOnlyList<ElectrodeArraySpec> arrays)
    {
        foreach (var array in arrays)
        {
            for (var trial = 0; trial < result.Trials.Count; trial++)
            {
                var t = result.Trials[trial];
                var traces = t.Potentials[array.Name];
                AtomicFile.WriteText(Path.Combine(dir, $"lfp_{array.Name}_{trial}.csv"), w => WriteCsv(w, t.Times, traces));
            }
            Plot(dir, result, array);
        }
    }

    // One column per contact after the time, full precision, as every other trace file (TraceTable).
    private static void WriteCsv(TextWriter w, double[] times, IReadOnlyList<double[]> traces)
    {
        var table = new TraceTable(times.Length);
        times.CopyTo(table.Add("time"), 0);
        for (var c = 0; c < traces.Count; c++) traces[c].CopyTo(table.Add($"e{c}"), 0);
        table.WriteCsv(w);
    }

    private static void Plot(string dir, SimulationResult result, ElectrodeArraySpec array)
    {
        double[] depths;
        try
        {
            depths = LaminarGeometry.Of(array.Positions).Depths;
        }
        catch (ArgumentException)
        {
            return; // not a laminar array: HNN-core draws no laminar plot for it either
        }
        var first = result.Trials[0];
        var traces = first.Potentials[array.Name];
        var lfp = new double[traces.Count, first.Times.Length];
        for (var c = 0; c < traces.Count; c++)
            for (var s = 0; s < first.Times.Length; s++) lfp[c, s] = traces[c][s];
        LaminarLfpPlot.Save(Path.Combine(dir, $"lfp_{array.Name}.png"), first.Times, lfp, depths, $"{array.Name} ({array.Method}), trial 0");
        if (traces.Count >= 4)
            CsdPlot.Save(Path.Combine(dir, $"csd_{array.Name}.png"), first.Times, CurrentSourceDensity.Compute(lfp, array.Positions), depths,
                $"{array.Name} CSD, trial 0");
    }
}
