using System.CommandLine;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn bench erp [--mesh N] [--shards K] [--trials T] [--concurrent-trials C]`: build and simulate
/// wall times and memory of the ERP experiment (Jones 2009 + 3 evoked drives, 170 ms) on the local
/// actor system, next to NEURON's.
/// </summary>
internal static class ErpBench
{
    // NEURON on this machine kind, one core (tests/data/timing): total and build wall seconds of one trial.
    internal static readonly Dictionary<int, (double Total, double Build)> NeuronErp = new() { [10] = (14.55, 2.43), [20] = (188.1, 55.6) };

    public static Command Create()
    {
        var mesh = new Option<int>("--mesh") { Description = "mesh_shape = (N, N)", DefaultValueFactory = _ => 10 };
        var shards = new Option<int?>("--shards") { Description = "shards per cell type (default: the cores shared among the trials that run at once)" };
        var trials = new Option<int>("--trials") { Description = "n_trials", DefaultValueFactory = _ => 1 };
        var concurrent = new Option<int?>("--concurrent-trials") { Description = "trials run side by side (default: one per core, at most n_trials)" };
        var command = new Command("erp", "Build and simulate wall time and memory (route tables, peak working set) of the ERP experiment (Jones 2009 + 3 evoked drives, 170 ms) on the local actor system");
        command.Options.Add(mesh);
        command.Options.Add(shards);
        command.Options.Add(trials);
        command.Options.Add(concurrent);
        command.SetAction((parse, cancel) => UserError.GuardAsync("bench erp", async () =>
        {
            var n = parse.GetValue(mesh);
            if (n < 1) throw new ArgumentException($"--mesh must be ≥ 1, got {n}");
            ResourceEstimate.ForMesh(n, n, defaultConnections: true).ThrowIfOverLimit($"--mesh {n} (about {9.2 * n * n * (double)n * n:G3} connection pairs)", "a smaller --mesh");
            var k = parse.GetValue(shards);
            if (k is < 1) throw new ArgumentException($"--shards must be ≥ 1, got {k}");
            // The pyramidal populations (n × n) are the largest; more shards would only repeat one cell per shard.
            if (k > n * n) throw new ArgumentException($"--shards {k} is more than the largest cell type has cells ({n * n}); allowed: 1 … {n * n}");
            var nTrials = parse.GetValue(trials);
            if (nTrials < 1) throw new ArgumentException($"--trials must be ≥ 1, got {nTrials}");
            var c = parse.GetValue(concurrent);
            if (c is < 1) throw new ArgumentException($"--concurrent-trials must be ≥ 1, got {c}");
            await using var sim = Simulator.CreateLocal(new SimulatorOptions(ShardsPerType: k, MaxConcurrentTrials: c));
            // Warm-up on a small network so that JIT compilation is not timed.
            var small = Jones2009.AddErpDrives(Jones2009.Create(new(2, 2)));
            await sim.SimulateDipoleAsync(small, 30.0, nTrials: Math.Min(nTrials, 2), cancellationToken: cancel);
            var net = Jones2009.AddErpDrives(Jones2009.Create(new(n, n)));
            var (bytesBefore, netconsBefore, leftOutBefore) = ShardRoutes.BuiltInProcess;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await sim.SimulateDipoleAsync(net, 170.0, nTrials: nTrials, cancellationToken: cancel);
            var wall = clock.Elapsed.TotalSeconds;
            var t = result.Timings[0];
            var side = sim.Options.ConcurrentTrials(nTrials);
            Console.WriteLine($"ERP {n}×{n} ({net.CellCount} cells), 170 ms, {nTrials} trial(s) ({side} side by side), {Environment.ProcessorCount} cores, {t.Shards} shards per trial, {t.Epochs} epochs:");
            Console.WriteLine($"  trial 0: build {t.Build.TotalSeconds:F3} s, simulate {t.Simulate.TotalSeconds:F3} s; total {wall:F3} s; {result.CellResponse.SpikeTimes.Sum(s => s.Length)} spikes");
            var (bytesAfter, netconsAfter, leftOutAfter) = ShardRoutes.BuiltInProcess;
            double routeBytes = bytesAfter - bytesBefore, netcons = netconsAfter - netconsBefore, leftOut = leftOutAfter - leftOutBefore;
            var pairs = net.Connections.Sum(x => (double)x.PairCount);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine($"  memory: {pairs:N0} pairs, {netcons + leftOut:N0} NetCons ({leftOut:N0} with a delay beyond tstop left out); route tables {routeBytes / 1048576:F1} MiB, " +
                              $"{routeBytes / Math.Max(1, netcons):F1} bytes per NetCon held ({routeBytes / Math.Max(1, netcons + leftOut):F1} per NetCon of the network); peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB");
            var (state, compartments) = (PopulationStateBytes(net), Compartments(net));
            Console.WriteLine($"  state: {state / 1048576.0:F1} MiB in the cells' arrays, {state / (double)compartments:F0} bytes per compartment ({compartments:N0} compartments)");
            if (NeuronErp.TryGetValue(n, out var neuron))
                Console.WriteLine($"  NEURON (tests/data/timing, 1 core, trials one after another): {neuron.Total * nTrials:F2} s  ->  {neuron.Total * nTrials / wall:F1}× faster");
            return 0;
        }));
        return command;
    }

    private static long Compartments(NetworkSpec net) =>
        net.CellTypes.Sum(t => (long)t.Count * t.Template.Sections.Sum(s => s.SegmentCount));

    // What one trial's populations hold: the bytes allocated building a population of each type alone
    // (state, rate tables and synapse banks; not the connections, which the memory line counts).
    private static long PopulationStateBytes(NetworkSpec net) => net.CellTypes.Sum(t =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pop = new Hnn.Biophysics.Cells.Population(t.Template, t.Count, 0.025);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(pop);
        return bytes;
    });
}
