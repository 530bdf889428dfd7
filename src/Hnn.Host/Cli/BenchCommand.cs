using System.CommandLine;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Cli;

/// <summary>`hnn bench cells`: single-core solver throughput next to NEURON's.</summary>
internal static class BenchCommand
{
    /// <summary>
    /// NEURON on this machine kind (tests/data/timing): 11.83 s of psolve for the ERP network's
    /// 8,770 compartments × 6,800 steps ≈ 5.04 M compartment-steps/s.
    /// </summary>
    public const double NeuronRate = 8770.0 * 6800.0 / 11.83;

    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks (build with -c Release)");
        var cells = new Option<int>("--cells") { Description = "cells per population", DefaultValueFactory = _ => 100 };
        var tstop = new Option<double>("--tstop") { Description = "simulated time (ms)", DefaultValueFactory = _ => 170.0 };
        var cellBench = new Command("cells", "Compartment-steps per second on one core, 100 L5 and 100 L2 pyramidal cells");
        cellBench.Options.Add(cells);
        cellBench.Options.Add(tstop);
        cellBench.SetAction(parse => UserError.Guard("bench cells", () =>
        {
            var n = parse.GetValue(cells);
            if (n < 1) throw new ArgumentException($"--cells must be ≥ 1, got {n}");
            CheckPopulationSize(n);
            var results = new[] { CellTemplates.L5Pyramidal, CellTemplates.L2Pyramidal }
                .Select(t => PopulationBenchmark.Run(t, n, parse.GetValue(tstop))).ToArray();
            Console.WriteLine($"{"population",-16} {"cells",5} {"comp",5} {"steps",6} {"seconds",8} {"M comp-steps/s",15} {"× NEURON",9}");
            foreach (var r in results) Print(r.CellType, r.Cells, r.Compartments, r.Steps, r.Seconds, r.Rate);
            var work = results.Sum(r => (double)r.Cells * r.Compartments * r.Steps);
            var seconds = results.Sum(r => r.Seconds);
            Print("both", results.Sum(r => r.Cells), 0, results[0].Steps, seconds, work / seconds);
            Console.WriteLine($"NEURON (tests/data/timing, ERP 10×10 psolve): {NeuronRate / 1e6:F2} M comp-steps/s");
            return 0;
        }));
        bench.Subcommands.Add(cellBench);
        bench.Subcommands.Add(ErpBench());
        bench.Subcommands.Add(BatchBench.Create());
        return bench;
    }

    // NEURON on this machine kind, one core (tests/data/timing): total and build wall seconds.
    internal static readonly Dictionary<int, (double Total, double Build)> NeuronErp = new() { [10] = (14.55, 2.43), [20] = (188.1, 55.6) };

    private static Command ErpBench()
    {
        var mesh = new Option<int>("--mesh") { Description = "mesh_shape = (N, N)", DefaultValueFactory = _ => 10 };
        var shards = new Option<int?>("--shards") { Description = "shards per cell type (default: one per core)" };
        var command = new Command("erp", "Build and simulate wall time and memory (route tables, peak working set) of the ERP trial (Jones 2009 + 3 evoked drives, 170 ms) on the local actor system");
        command.Options.Add(mesh);
        command.Options.Add(shards);
        command.SetAction((parse, cancel) => UserError.GuardAsync("bench erp", async () =>
        {
            var n = parse.GetValue(mesh);
            if (n < 1) throw new ArgumentException($"--mesh must be ≥ 1, got {n}");
            ResourceEstimate.ForMesh(n, n, defaultConnections: true).ThrowIfOverLimit($"--mesh {n} (about {9.2 * n * n * (double)n * n:G3} connection pairs)", "a smaller --mesh");
            var k = parse.GetValue(shards);
            if (k is < 1) throw new ArgumentException($"--shards must be ≥ 1, got {k}");
            // The pyramidal populations (n × n) are the largest; more shards would only repeat one cell per shard.
            if (k > n * n) throw new ArgumentException($"--shards {k} is more than the largest cell type has cells ({n * n}); allowed: 1 … {n * n}");
            await using var sim = Hnn.Actors.Engine.Simulator.CreateLocal(new Hnn.Actors.Engine.SimulatorOptions(ShardsPerType: k));
            // Warm-up on a small network so that JIT compilation is not timed.
            var small = Hnn.Biophysics.Network.Jones2009.AddErpDrives(Hnn.Biophysics.Network.Jones2009.Create(new(2, 2)));
            await sim.SimulateDipoleAsync(small, 30.0, cancellationToken: cancel);
            var net = Hnn.Biophysics.Network.Jones2009.AddErpDrives(Hnn.Biophysics.Network.Jones2009.Create(new(n, n)));
            var (bytesBefore, netconsBefore, leftOutBefore) = ShardRoutes.BuiltInProcess;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await sim.SimulateDipoleAsync(net, 170.0, cancellationToken: cancel);
            var wall = clock.Elapsed.TotalSeconds;
            var t = result.Timings[0];
            Console.WriteLine($"ERP {n}×{n} ({net.CellCount} cells), 170 ms, {Environment.ProcessorCount} cores, {t.Shards} shards, {t.Epochs} epochs:");
            Console.WriteLine($"  build {t.Build.TotalSeconds:F3} s, simulate {t.Simulate.TotalSeconds:F3} s, total {wall:F3} s; {result.CellResponse.SpikeTimes[0].Length} spikes");
            var (bytesAfter, netconsAfter, leftOutAfter) = ShardRoutes.BuiltInProcess;
            double routeBytes = bytesAfter - bytesBefore, netcons = netconsAfter - netconsBefore, leftOut = leftOutAfter - leftOutBefore;
            var pairs = net.Connections.Sum(c => (double)c.PairCount);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Console.WriteLine($"  memory: {pairs:N0} pairs, {netcons + leftOut:N0} NetCons ({leftOut:N0} with a delay beyond tstop left out); route tables {routeBytes / 1048576:F1} MiB, " +
                              $"{routeBytes / Math.Max(1, netcons):F1} bytes per NetCon held ({routeBytes / Math.Max(1, netcons + leftOut):F1} per NetCon of the network); peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB");
            if (NeuronErp.TryGetValue(n, out var neuron))
                Console.WriteLine($"  NEURON (tests/data/timing, 1 core): total {neuron.Total} s, build {neuron.Build} s  ->  {neuron.Total / wall:F1}× faster");
            return 0;
        }));
        return command;
    }

    // One population's state arrays hold cells × nodes doubles: both the array length and the memory bound it.
    private static void CheckPopulationSize(int cells)
    {
        foreach (var type in new[] { CellTemplates.L5Pyramidal, CellTemplates.L2Pyramidal })
        {
            var template = CellTemplates.ForType(type);
            var nodes = template.Sections.Sum(s => s.SegmentCount + 1);
            var most = Array.MaxLength / nodes;
            if (cells > most)
                throw new ArgumentException($"--cells {cells} is too many for one {type} population ({nodes} nodes per cell); allowed: 1 … {most}");
        }
        double segments = new[] { CellTemplates.L5Pyramidal, CellTemplates.L2Pyramidal }.Sum(t => CellTemplates.ForType(t).Sections.Sum(s => s.SegmentCount));
        new ResourceEstimate(segments * cells * 64 * 8, 0, 0, 0).ThrowIfOverLimit($"--cells {cells}", "fewer --cells");
    }

    private static void Print(string name, int cells, int comps, int steps, double seconds, double rate) =>
        Console.WriteLine($"{name,-16} {cells,5} {(comps > 0 ? comps.ToString() : "-"),5} {steps,6} {seconds,8:F3} {rate / 1e6,15:F1} {rate / NeuronRate,8:F1}×");
}
