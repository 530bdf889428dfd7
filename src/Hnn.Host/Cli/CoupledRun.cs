using System.CommandLine;
using System.Diagnostics;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Coupling;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn simulate COUPLED.json --out DIR`: a coupled experiment file (docs/experiment-file.md, "Coupled
/// networks") run as one <see cref="Simulator.SimulateAsync(MultiNetworkSpec, double, double, int, IProgress{SimulationProgress}?, CancellationToken)"/>,
/// written by <see cref="CoupledRunWriter"/>. Every problem of the file names the file and its JSON path.
/// </summary>
internal static class CoupledRun
{
    public static async Task<int> RunAsync(ParseResult parse, string path, string outDir, int? shards, RunOverrides overrides,
        CoordinatorOptions coordinator, Option<int> checkpoint, CancellationToken cancel)
    {
        var onCluster = coordinator.OnCluster(parse);
        overrides.CheckValues(parse);
        var (spec, multi) = Load(path, s => overrides.Apply(parse, s));
        var largest = multi.Networks.Max(n => n.CellTypes.Max(t => t.Count));
        if (shards > largest)
            throw new ArgumentException($"--shards {shards} is more than the largest cell type has cells ({largest}); allowed: 1 … {largest}");
        RunFolder.CheckReplaceable(outDir, [.. multi.Names, .. CoupledRunWriter.TopLevelOutputs]);
        PhaseClock.Mark("read the coupled experiment, build the network specs");

        var options = new SimulatorOptions(ShardsPerType: shards);
        MultiNetworkResult result;
        TimeSpan wall;
        if (onCluster)
        {
            var every = parse.GetValue(checkpoint);
            if (every < 1) throw new ArgumentException($"--checkpoint-every must be ≥ 1 epoch, got {every}");
            (result, wall) = await coordinator.RunAsync(parse, (system, workers) =>
                SimulateAsync(new Simulator(system, options with { Workers = workers, CheckpointEvery = every }), path, spec, multi, cancel), cancel);
        }
        else
        {
            await using var simulator = Simulator.CreateLocal(options);
            (result, wall) = await SimulateAsync(simulator, path, spec, multi, cancel);
        }
        foreach (var r in result.Results)
        {
            Divergence.Check(r);
            spec.Postproc?.Apply(r.Dipoles);
        }
        CoupledRunWriter.Write(outDir, multi, result, spec.Dt, spec.Postproc, wall, cancel);
        PhaseClock.Mark("write the networks' folders, raster.png, summary.json");
        foreach (var name in result.Names)
        {
            var r = result[name];
            foreach (var t in r.Timings)
                Console.WriteLine($"network {name}, trial {t.Trial}: {r.CellResponse.SpikeTimes[t.Trial].Length} spikes; build {t.Build.TotalSeconds:F2} s, " +
                                  $"simulate {t.Simulate.TotalSeconds:F2} s ({t.Shards} shards, {t.Epochs} epochs{(t.Recoveries > 0 ? $", recovered from {t.Recoveries} lost worker(s)" : "")})");
        }
        foreach (var p in multi.Projections)
            Console.WriteLine($"projection {p.Name}: {p.From} → {p.To}, {p.SourceGids.Count} sources, " +
                              $"{result[p.To].CellResponse.CountsByType(0).GetValueOrDefault(p.Name)} spikes carried in trial 0");
        Console.WriteLine($"wrote {result.Names.Count} network(s), {spec.NTrials} trial(s) each, to {outDir} (simulated together in {wall.TotalSeconds:F1} s)");
        return 0;
    }

    /// <summary>
    /// Reads and builds a coupled experiment: the run options in place of the file's values, each network's mesh
    /// checked against the memory limit before it is built, every drive against the event bound and seed range,
    /// and the whole run against the memory limit.
    /// </summary>
    public static (CoupledExperimentSpec Spec, MultiNetworkSpec Networks) Load(string path, Func<ExperimentSpec, ExperimentSpec>? adjust = null)
    {
        try
        {
            var spec = CoupledExperimentReader.ReadFile(path);
            if (adjust is not null)
            {
                // The options replace the shared run settings exactly as they do a single experiment's.
                var run = adjust(new ExperimentSpec(spec.Networks[0].Network, spec.TStop, spec.Dt, spec.NTrials, [], [], spec.Postproc));
                spec = spec with { TStop = run.TStop, Dt = run.Dt, NTrials = run.NTrials, Postproc = run.Postproc };
            }
            foreach (var entry in spec.Networks)
            {
                if (entry.Name is "raster.png" or "summary.json")
                    throw new ExperimentFileException($"$.networks.{entry.Name}", $"\"{entry.Name}\" is not allowed: the run folder holds a file of that name; allowed: another name");
                ExperimentInput.CheckMesh(entry.Network, $"$.networks.{entry.Name}");
            }
            var multi = CoupledExperimentBuilder.Build(spec, Path.GetDirectoryName(Path.GetFullPath(path)),
                note => Console.Error.WriteLine($"note: {note}"));
            for (var n = 0; n < multi.Names.Count; n++)
                ExperimentInput.CheckDrives(multi.Networks[n], spec.TStop, spec.NTrials, (_, d) => DrivePath(spec, multi.Names[n], d.Name));
            var grid = TimeGrid.Create(spec.TStop, spec.Dt);
            multi.Networks.Select(net => ResourceEstimate.ForRun(net, grid, spec.NTrials)).Aggregate((a, b) => a + b)
                .ThrowIfOverLimit($"{spec.NTrials} trial(s) ($.n_trials) of {multi.Networks.Sum(net => net.CellCount)} cells in {multi.Names.Count} networks " +
                                  $"over {spec.TStop} ms ($.tstop) at dt {spec.Dt} ms ($.dt)",
                    "fewer n_trials, smaller networks, a larger dt or a shorter tstop");
            return (spec, multi);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException and not FileNotFoundException)
        {
            throw new FormatException($"{path}: {UserError.Describe(e)}", e);
        }
    }

    // A drive of the file ($.networks.A.drives[i]) or a projection ($.projections[i]), by its name.
    private static string DrivePath(CoupledExperimentSpec spec, string network, string drive)
    {
        var entry = spec.Networks.First(e => e.Name == network);
        var i = entry.Drives.ToList().FindIndex(d => d.Name == drive);
        if (i >= 0) return $"$.networks.{network}.drives[{i}] ('{drive}')";
        var p = spec.Projections.ToList().FindIndex(x => x.Name == drive);
        return p >= 0 ? $"$.projections[{p}] ('{drive}')" : $"$.networks.{network} ('{drive}')";
    }

    // The library refuses what only the whole run shows (a projection delay shorter than dt): still the file's fault.
    // The wall time is the run's alone (not the actor system's start or the wait for workers).
    private static async Task<(MultiNetworkResult Result, TimeSpan Wall)> SimulateAsync(Simulator simulator, string path, CoupledExperimentSpec spec, MultiNetworkSpec multi,
        CancellationToken cancel)
    {
        var bar = new ProgressBar();
        var completed = false;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await simulator.SimulateAsync(multi, spec.TStop, spec.Dt, spec.NTrials, bar, cancel);
            completed = true;
            return (result, clock.Elapsed);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}: {UserError.Describe(e)}", e);
        }
        finally
        {
            bar.Finish(completed);
        }
    }
}
