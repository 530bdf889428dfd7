using System.CommandLine;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn simulate EXPERIMENT.json --out DIR [--shards K] [--tstop T] [--dt DT] [--n-trials N] [--smooth MS] [--scale F]`:
/// runs the experiment (its run settings replaced by the options given) on the local actor system,
/// post-processes the dipoles as its "postproc" says, and writes the run folder (<see cref="RunWriter"/>).
/// A coupled experiment file (top-level "networks") runs as <see cref="CoupledRun"/>.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "experiment file, or a coupled one with \"networks\" (docs/experiment-file.md)" };
        var output = new Option<string>("--out") { Description = "folder for spk_%d.txt, dipole_%d.txt, dipole_%d.csv, dipole_raw_fAm_%d.csv, summary.json, the plots and what \"record\" asks for", Required = true };
        var shards = new Option<int?>("--shards") { Description = "shards per cell type (default: one per core)" };
        var checkpoint = new Option<int>("--checkpoint-every") { Description = "with --cluster: epochs between checkpoints (recovery points)", DefaultValueFactory = _ => 20 };
        var coordinator = new CoordinatorOptions("place shards on its workers", checkpoint);
        var overrides = new RunOverrides();
        var command = new Command("simulate", "Simulate an experiment file and write spikes, dipoles and a summary");
        command.Arguments.Add(experiment);
        command.Options.Add(output);
        command.Options.Add(shards);
        overrides.AddTo(command);
        coordinator.AddTo(command);
        command.SetAction((parse, cancel) => UserError.GuardAsync("simulate", async () =>
        {
            var path = parse.GetValue(experiment)!;
            var outDir = parse.GetValue(output)!;
            var k = parse.GetValue(shards);
            if (k is < 1) throw new ArgumentException($"--shards must be ≥ 1, got {k}");
            if (CoupledExperimentReader.IsCoupledFile(path))
                return await CoupledRun.RunAsync(parse, path, outDir, k, overrides, coordinator, checkpoint, cancel);
            var onCluster = coordinator.OnCluster(parse);
            overrides.CheckValues(parse);
            var options = new SimulatorOptions(ShardsPerType: k);
            // The local actor system starts on the other core while the experiment is read
            // (docs/dev/performance.md §1); bad input still ends the run with its one line.
            var starting = onCluster || !File.Exists(path) ? null : Task.Run(() => Simulator.CreateLocal(options));
            ExperimentSpec spec;
            NetworkSpec net;
            try
            {
                (spec, net) = ExperimentInput.Load(path, s => overrides.Apply(parse, s));
                var largest = net.CellTypes.Max(t => t.Count);
                if (k > largest)
                    throw new ArgumentException($"--shards {k} is more than the largest cell type has cells ({largest}); allowed: 1 … {largest}");
                ExperimentInput.CheckMemory(path, spec, net);
                RunFolder.CheckReplaceable(outDir, RunFolder.SimulateOutputs);
            }
            catch when (starting is not null)
            {
                await StopQuietlyAsync(starting);
                throw;
            }
            PhaseClock.Mark("read the experiment, build the network spec");

            // Recorded traces stream into a folder beside --out while the run goes, then move in with the rest.
            using var traces = TraceStaging.For(outDir, spec.Record);
            SimulationResult result;
            var stopping = Task.CompletedTask;
            if (onCluster)
            {
                var every = parse.GetValue(checkpoint);
                if (every < 1) throw new ArgumentException($"--checkpoint-every must be ≥ 1 epoch, got {every}");
                result = await coordinator.RunAsync(parse, (system, workers) =>
                    RunAsync(new Simulator(system, options with { Workers = workers, CheckpointEvery = every }), spec, net, traces?.Options, cancel), cancel);
            }
            else
            {
                var simulator = await (starting ?? Task.FromResult(Simulator.CreateLocal(options)));
                try
                {
                    PhaseClock.Mark("start the actor system (what is left of it)");
                    result = await RunAsync(simulator, spec, net, traces?.Options, cancel);
                    PhaseClock.Mark("simulate (per trial: build shards, run epochs, collect)");
                }
                catch
                {
                    await simulator.DisposeAsync();
                    throw;
                }
                // The actor system shuts down while the files are written (docs/dev/performance.md §1).
                stopping = simulator.DisposeAsync().AsTask();
            }
            try
            {
                Divergence.Check(result);
                // simulate_dipole(postproc=True)'s order: every trial smoothed, then scaled; the plots' mean is of those.
                spec.Postproc?.Apply(result.Dipoles);
                // Into a temporary folder beside --out, then in place as a whole (an earlier run there is replaced).
                RunWriter.Write(outDir, result, spec.Postproc, cancel, spec.Spectra, traces is null ? null : result.Trials, net.ElectrodeArrays);
                PhaseClock.Mark("summary.json, the folder moved in place");
            }
            finally
            {
                await stopping;
                PhaseClock.Mark("stop the actor system (what is left of it)");
            }
            foreach (var t in result.Timings)
                Console.WriteLine($"trial {t.Trial}: {result.CellResponse.SpikeTimes[t.Trial].Length} spikes; build {t.Build.TotalSeconds:F2} s, simulate {t.Simulate.TotalSeconds:F2} s ({t.Shards} shards, {t.Epochs} epochs{(t.Recoveries > 0 ? $", recovered from {t.Recoveries} lost worker(s)" : "")})");
            Console.WriteLine($"wrote {result.Trials.Count} trial(s) to {outDir}");
            return 0;
        }));
        return command;
    }

    // The input's error is what the user must see, not one of the actor system started beside it.
    private static async Task StopQuietlyAsync(Task<Simulator> starting)
    {
        try
        {
            await (await starting).DisposeAsync();
        }
        catch (Exception)
        {
            // Already failing on the input; nothing of the actor system is left to clean up.
        }
    }

    private static async Task<SimulationResult> RunAsync(Simulator simulator, ExperimentSpec spec, NetworkSpec net,
        Hnn.Biophysics.Simulation.RecordingOptions? recording, CancellationToken cancel)
    {
        var bar = new ProgressBar();
        var completed = false;
        try
        {
            var result = await simulator.SimulateDipoleAsync(net, spec.TStop, spec.Dt, spec.NTrials, recording, bar, cancel);
            completed = true;
            return result;
        }
        finally
        {
            bar.Finish(completed);
        }
    }
}
