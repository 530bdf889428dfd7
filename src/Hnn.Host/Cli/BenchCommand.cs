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
        bench.Subcommands.Add(ErpBench.Create());
        bench.Subcommands.Add(BarrierBench.Create());
        bench.Subcommands.Add(BatchBench.Create());
        return bench;
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
