using System.CommandLine;
using Hnn.Actors.Engine;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn simulate EXPERIMENT.json --out DIR [--shards K]`: runs the experiment on the local actor
/// system and writes HNN-core's spk_%d.txt and dipole_%d.txt plus summary.json.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "experiment file (docs/experiment-file.md)" };
        var output = new Option<string>("--out") { Description = "folder for spk_%d.txt, dipole_%d.txt, summary.json", Required = true };
        var shards = new Option<int?>("--shards") { Description = "shards per cell type (default: one per core)" };
        var command = new Command("simulate", "Simulate an experiment file and write spikes, dipoles and a summary");
        command.Arguments.Add(experiment);
        command.Options.Add(output);
        command.Options.Add(shards);
        command.SetAction((parse, cancel) => UserError.GuardAsync("simulate", async () =>
        {
            var path = parse.GetValue(experiment)!;
            var outDir = parse.GetValue(output)!;
            var k = parse.GetValue(shards);
            if (k is < 1) throw new ArgumentException($"--shards must be ≥ 1, got {k}");
            var (spec, net) = ExperimentInput.Load(path);
            if (File.Exists(outDir)) throw new IOException($"--out '{outDir}' is a file, not a folder");

            await using var simulator = Simulator.CreateLocal(new SimulatorOptions(ShardsPerType: k));
            var bar = new ProgressBar();
            SimulationResult result;
            try
            {
                result = await simulator.SimulateDipoleAsync(net, spec.TStop, spec.Dt, spec.NTrials, bar, cancel);
            }
            finally
            {
                bar.Finish();
            }
            RunWriter.Write(outDir, result);
            foreach (var t in result.Timings)
                Console.WriteLine($"trial {t.Trial}: {result.CellResponse.SpikeTimes[t.Trial].Length} spikes; build {t.Build.TotalSeconds:F2} s, simulate {t.Simulate.TotalSeconds:F2} s ({t.Shards} shards, {t.Epochs} epochs)");
            Console.WriteLine($"wrote {result.Trials.Count} trial(s) to {outDir}");
            return 0;
        }));
        return command;
    }
}
