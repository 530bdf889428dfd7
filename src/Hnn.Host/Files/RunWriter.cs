using System.Text.Json;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Recording;
using Hnn.Host.Plots;

namespace Hnn.Host.Files;

/// <summary>
/// Writes a simulation's outputs into a folder in HNN-core's formats (docs/dev/io.md §1, §4.1):
/// spk_&lt;trial&gt;.txt, dipole_&lt;trial&gt;.txt, the same dipoles at full precision
/// (dipole_&lt;trial&gt;.csv) and NEURON's raw sums (dipole_raw_fAm_&lt;trial&gt;.csv, §4.3),
/// summary.json (requested tstop, the post-processing applied, spike counts per type and
/// trial, build and simulate wall times), and the plots raster.png (trial 0), dipole.png (every
/// trial and their mean) and spike_hist.png (trial 0). The dipoles are written as they are in the
/// result: a caller that post-processed them says so with <c>postproc</c>, for summary.json. The folder is written as a whole
/// (<see cref="AtomicFolder"/>): an existing folder that holds an earlier run is replaced, never
/// mixed with the new files; one that holds anything else is refused (<see cref="RunFolder"/>).
/// </summary>
public static class RunWriter
{
    public static void Write(string dir, SimulationResult result) => Write(dir, result, null, CancellationToken.None);

    /// <summary>As <see cref="Write(string, SimulationResult)"/>, for dipoles post-processed with <paramref name="postproc"/> (null: none).</summary>
    public static void Write(string dir, SimulationResult result, PostprocEntry? postproc) => Write(dir, result, postproc, CancellationToken.None);

    /// <summary>As <see cref="Write(string, SimulationResult, PostprocEntry?)"/>; a cancellation before the folder is in place leaves nothing.</summary>
    /// <param name="traces">Trials whose recorded trace files (streamed elsewhere during the run) move into the folder.</param>
    internal static void Write(string dir, SimulationResult result, PostprocEntry? postproc, CancellationToken cancel, SpectraEntry? spectra = null,
        IReadOnlyList<Hnn.Biophysics.Simulation.TrialResult>? traces = null, IReadOnlyList<Hnn.Biophysics.Extracellular.ElectrodeArraySpec>? arrays = null)
    {
        RunFolder.CheckReplaceable(dir, RunFolder.SimulateOutputs);
        AtomicFolder.Write(dir, temp =>
        {
            foreach (var file in traces?.SelectMany(t => t.Traces?.Files ?? []) ?? [])
                File.Move(file.Path, Path.Combine(temp, Path.GetFileName(file.Path)));
            WriteFiles(temp, result, postproc);
            if (spectra is not null) SpectraFiles.Write(temp, result.Dipoles, spectra);
            if (arrays is { Count: > 0 }) LfpFiles.Write(temp, result, arrays);
            cancel.ThrowIfCancellationRequested();
        });
    }

    /// <summary>spk_&lt;trial&gt;.txt and/or dipole_&lt;trial&gt;.txt of every trial: what `hnn simulate` and a batch job keep, written alike.</summary>
    internal static void WriteTrialFiles(string dir, SimulationResult result, bool spikes = true, bool dipoles = true)
    {
        for (var trial = 0; trial < result.Trials.Count; trial++)
        {
            var entries = result.CellResponse.Entries(trial);
            if (spikes) AtomicFile.WriteText(Path.Combine(dir, $"spk_{trial}.txt"), w => SpikeFile.Write(w, entries));
            if (dipoles) AtomicFile.WriteText(Path.Combine(dir, $"dipole_{trial}.txt"), result.Dipoles[trial].Write);
        }
    }

    /// <summary>dipole_&lt;trial&gt;.csv (nA·m, as returned) and dipole_raw_fAm_&lt;trial&gt;.csv (NEURON's sums) of every trial.</summary>
    private static void WriteFullPrecisionDipoles(string dir, SimulationResult result)
    {
        for (var trial = 0; trial < result.Trials.Count; trial++)
        {
            var dipole = result.Dipoles[trial];
            var raw = result.Trials[trial];
            AtomicFile.WriteText(Path.Combine(dir, $"dipole_{trial}.csv"), w => DipoleCsv.Write(w, dipole));
            AtomicFile.WriteText(Path.Combine(dir, $"dipole_raw_fAm_{trial}.csv"), w => DipoleCsv.WriteRaw(w, raw));
        }
    }

    private static void WriteFiles(string dir, SimulationResult result, PostprocEntry? postproc)
    {
        WriteTrialFiles(dir, result);
        WriteFullPrecisionDipoles(dir, result);
        Cli.PhaseClock.Mark("write spike and dipole files");
        var first = result.Trials[0];
        var summary = new
        {
            tstop = result.Tstop,
            n_samples = first.Times.Length,
            n_trials = result.Trials.Count,
            shards = result.Timings[0].Shards,
            epochs = result.Timings[0].Epochs,
            spike_counts = Enumerable.Range(0, result.Trials.Count)
                .Select(result.CellResponse.CountsByType).ToArray(),
            build_wall_s = result.Timings.Select(t => Math.Round(t.Build.TotalSeconds, 4)).ToArray(),
            simulate_wall_s = result.Timings.Select(t => Math.Round(t.Simulate.TotalSeconds, 4)).ToArray(),
            postproc = new { smooth = postproc?.SmoothMs, scale = postproc?.Scale },
        };
        var tstop = result.Tstop;
        // The three plots are independent; drawn side by side they cost a third less of a cold
        // process (docs/dev/performance.md §1).
        try
        {
            Parallel.Invoke(
                () => SpikeRasterPlot.Save(Path.Combine(dir, "raster.png"), [new RasterPanel("trial 0", first.SpikeTimes, first.SpikeGids, first.SpikeTypes)], tstop),
                () => DipolePlot.Save(Path.Combine(dir, "dipole.png"), result.Dipoles, $"{result.Trials.Count} trial(s)"),
                () => SpikeHistogramPlot.Save(Path.Combine(dir, "spike_hist.png"), first.SpikeTimes, first.SpikeTypes, tstop));
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        Cli.PhaseClock.Mark("draw the three plots");
        AtomicFile.WriteText(Path.Combine(dir, "summary.json"),
            w => w.Write(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true })));
    }
}
