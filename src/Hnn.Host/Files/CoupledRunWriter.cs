using System.Text.Json;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Experiment;
using Hnn.Host.Plots;

namespace Hnn.Host.Files;

/// <summary>
/// Writes a coupled run (docs/cli.md, "hnn simulate" on coupled files): one folder per network, each
/// exactly what a single run writes (<see cref="RunWriter"/>), raster.png with one panel per network
/// (trial 0) on one time axis, and summary.json listing the networks (spike counts, timings) and the
/// projections (sources, connections, spikes carried).
/// </summary>
public static class CoupledRunWriter
{
    /// <summary>What a coupled run's folder may hold besides its networks' folders.</summary>
    public static readonly string[] TopLevelOutputs = ["*.png", "summary.json"];

    /// <summary>The whole folder at once (<see cref="AtomicFolder"/>), replacing an earlier coupled run there.</summary>
    public static void Write(string dir, MultiNetworkSpec spec, MultiNetworkResult result, double dt, PostprocEntry? postproc,
        TimeSpan wall, CancellationToken cancel)
    {
        RunFolder.CheckReplaceable(dir, [.. spec.Names, .. TopLevelOutputs]);
        AtomicFolder.Write(dir, temp =>
        {
            WriteInto(temp, spec, result, dt, postproc, wall, cancel);
            cancel.ThrowIfCancellationRequested();
        });
    }

    /// <summary>Writes into <paramref name="dir"/> as it is (a caller's temporary folder).</summary>
    /// <param name="folderOf">The folder of each network (default: its name).</param>
    public static void WriteInto(string dir, MultiNetworkSpec spec, MultiNetworkResult result, double dt, PostprocEntry? postproc,
        TimeSpan wall, CancellationToken cancel, Func<string, string>? folderOf = null)
    {
        folderOf ??= name => name;
        foreach (var name in spec.Names)
            RunWriter.Write(Path.Combine(dir, folderOf(name)), result[name], postproc, cancel);
        var tstop = result.Results[0].Tstop;
        SpikeRasterPlot.Save(Path.Combine(dir, "raster.png"), spec.Names.Select(name =>
        {
            var t = result[name].Trials[0];
            return new RasterPanel($"Network {name}", t.SpikeTimes, t.SpikeGids, t.SpikeTypes);
        }).ToArray(), tstop);
        var nTrials = result.Results[0].Trials.Count;
        var summary = new
        {
            tstop,
            dt,
            n_trials = nTrials,
            wall_s = Math.Round(wall.TotalSeconds, 4),
            networks = spec.Names.Select((name, n) =>
            {
                var r = result[name];
                return new
                {
                    name,
                    folder = folderOf(name),
                    cells = spec.Networks[n].CellCount,
                    shards = r.Timings[0].Shards,
                    epochs = r.Timings[0].Epochs,
                    spike_counts = Enumerable.Range(0, nTrials).Select(r.CellResponse.CountsByType).ToArray(),
                    build_wall_s = r.Timings.Select(t => Math.Round(t.Build.TotalSeconds, 4)).ToArray(),
                    simulate_wall_s = r.Timings.Select(t => Math.Round(t.Simulate.TotalSeconds, 4)).ToArray(),
                };
            }).ToArray(),
            projections = spec.Projections.Select(p => new
            {
                name = p.Name,
                from = p.From,
                source_types = p.SourceTypes,
                to = p.To,
                sources = p.SourceGids.Count,
                connections = spec[p.To].Connections.Count(c => c.SourceType == p.Name),
                spikes = Enumerable.Range(0, nTrials).Select(trial => result[p.To].CellResponse.CountsByType(trial).GetValueOrDefault(p.Name)).ToArray(),
            }).ToArray(),
            postproc = new { smooth = postproc?.SmoothMs, scale = postproc?.Scale },
        };
        AtomicFile.WriteText(Path.Combine(dir, "summary.json"),
            w => w.Write(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true })));
    }
}
