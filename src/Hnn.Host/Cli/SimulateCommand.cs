using System.CommandLine;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Hnn.Host.Hosting;
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
        var output = new Option<string>("--out") { Description = "folder for spk_%d.txt, dipole_%d.txt, summary.json and the plots", Required = true };
        var shards = new Option<int?>("--shards") { Description = "shards per cell type (default: one per core)" };
        var cluster = new Option<bool>("--cluster") { Description = "run as the coordinator of a cluster and place shards on its workers" };
        var seeds = new Option<string[]>("--seed") { Description = "with --cluster: seed node akka.tcp://hnn@HOST:PORT (none: this node is the seed)", DefaultValueFactory = _ => [] };
        var workers = new Option<int>("--workers") { Description = "with --cluster: workers to wait for", DefaultValueFactory = _ => 1 };
        var host = new Option<string>("--host") { Description = "with --cluster: this node's hostname", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "with --cluster: this node's port (0: any)", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<int>("--checkpoint-every") { Description = "with --cluster: epochs between checkpoints (recovery points)", DefaultValueFactory = _ => 20 };
        var command = new Command("simulate", "Simulate an experiment file and write spikes, dipoles and a summary");
        command.Arguments.Add(experiment);
        command.Options.Add(output);
        command.Options.Add(shards);
        foreach (var o in new Option[] { cluster, seeds, workers, host, port, checkpoint }) command.Options.Add(o);
        command.SetAction((parse, cancel) => UserError.GuardAsync("simulate", async () =>
        {
            var path = parse.GetValue(experiment)!;
            var outDir = parse.GetValue(output)!;
            var k = parse.GetValue(shards);
            if (k is < 1) throw new ArgumentException($"--shards must be ≥ 1, got {k}");
            var onCluster = parse.GetValue(cluster);
            if (!onCluster && new Option[] { seeds, workers, host, port, checkpoint }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } stray)
                throw new ArgumentException($"{stray.Name} is a cluster option; add --cluster, or leave it out to run on this machine");
            if (onCluster) HostName.Check(parse.GetValue(host));
            var (spec, net) = ExperimentInput.Load(path);
            var largest = net.CellTypes.Max(t => t.Count);
            if (k > largest)
                throw new ArgumentException($"--shards {k} is more than the largest cell type has cells ({largest}); allowed: 1 … {largest}");
            ExperimentInput.CheckMemory(path, spec, net);
            RunFolder.CheckReplaceable(outDir, RunFolder.SimulateOutputs);

            var options = new SimulatorOptions(ShardsPerType: k);
            SimulationResult result;
            if (onCluster)
            {
                var n = parse.GetValue(workers);
                if (n < 1) throw new ArgumentException($"--workers must be ≥ 1, got {n}");
                var every = parse.GetValue(checkpoint);
                if (every < 1) throw new ArgumentException($"--checkpoint-every must be ≥ 1 epoch, got {every}");
                using var node = ClusterNodeHost.Build(new ClusterNodeOptions(
                    ClusterNodeOptions.CoordinatorRole, parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(seeds)));
                await node.StartAsync(cancel);
                var system = ClusterNodeHost.ActorSystemOf(node);
                Console.WriteLine($"coordinator {Akka.Cluster.Cluster.Get(system).SelfAddress}: waiting for {n} worker(s)...");
                var addresses = await ClusterNodeHost.WaitForWorkersAsync(system, n, TimeSpan.FromSeconds(60), cancel);
                Console.WriteLine($"workers: {string.Join(", ", addresses)}");
                result = await RunAsync(new Simulator(system, options with { Workers = addresses, CheckpointEvery = every }), spec, net, cancel);
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await node.StopAsync(stopping.Token);
            }
            else
            {
                await using var simulator = Simulator.CreateLocal(options);
                result = await RunAsync(simulator, spec, net, cancel);
            }
            Divergence.Check(result);
            // Into a temporary folder beside --out, then in place as a whole (an earlier run there is replaced).
            RunWriter.Write(outDir, result, cancel);
            foreach (var t in result.Timings)
                Console.WriteLine($"trial {t.Trial}: {result.CellResponse.SpikeTimes[t.Trial].Length} spikes; build {t.Build.TotalSeconds:F2} s, simulate {t.Simulate.TotalSeconds:F2} s ({t.Shards} shards, {t.Epochs} epochs{(t.Recoveries > 0 ? $", recovered from {t.Recoveries} lost worker(s)" : "")})");
            Console.WriteLine($"wrote {result.Trials.Count} trial(s) to {outDir}");
            return 0;
        }));
        return command;
    }

    private static async Task<SimulationResult> RunAsync(Simulator simulator, ExperimentSpec spec, NetworkSpec net, CancellationToken cancel)
    {
        var bar = new ProgressBar();
        try
        {
            return await simulator.SimulateDipoleAsync(net, spec.TStop, spec.Dt, spec.NTrials, bar, cancel);
        }
        finally
        {
            bar.Finish();
        }
    }
}
