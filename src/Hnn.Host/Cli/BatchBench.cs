using System.CommandLine;
using System.Diagnostics;
using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn bench batch`: throughput of a batch of ERP jobs (mesh 10×10, 170 ms, the drives shifted by 0…5 ms)
/// with one job at a time and with K at once, and where a job's wall time goes: building, integrating,
/// and the batch's own overhead (dispatch, collecting, summaries), next to NEURON's time per simulation.
/// </summary>
internal static class BatchBench
{
    public static Command Create()
    {
        var jobs = new Option<int?>("--jobs") { Description = "jobs at once in the parallel run (default: one per core)" };
        var count = new Option<int>("--count") { Description = "jobs in the batch", DefaultValueFactory = _ => 16 };
        var mesh = new Option<int>("--mesh") { Description = "mesh_shape = (N, N)", DefaultValueFactory = _ => 10 };
        var tstop = new Option<double>("--tstop") { Description = "simulated time of each job (ms)", DefaultValueFactory = _ => 170.0 };
        var command = new Command("batch", "Simulations per minute of a batch of ERP jobs on 1 core and on K cores, next to NEURON's");
        foreach (var o in new Option[] { jobs, count, mesh, tstop }) command.Options.Add(o);
        command.SetAction((parse, cancel) => UserError.GuardAsync("bench batch", async () =>
        {
            var k = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            if (k < 1) throw new ArgumentException($"--jobs must be ≥ 1, got {k}");
            var n = parse.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count must be ≥ 1, got {n}");
            var m = parse.GetValue(mesh);
            if (m < 1) throw new ArgumentException($"--mesh must be ≥ 1, got {m}");
            ResourceEstimate.ForMesh(m, m, defaultConnections: true).ThrowIfOverLimit($"--mesh {m}", "a smaller --mesh");
            var t = parse.GetValue(tstop);
            TimeGrid.Create(t, 0.025);
            var sets = Enumerable.Range(0, n).Select(i => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["tstart"] = 5.0 * i / Math.Max(1, n - 1) }).ToArray();
            NetworkSpec Build(IReadOnlyDictionary<string, double> p) => Jones2009.AddErpDrives(Jones2009.Create(new MeshShape(m, m)), p["tstart"]);

            Console.WriteLine($"{n} ERP jobs (mesh {m}×{m}, {t:0.#} ms, drives shifted 0…5 ms), {Environment.ProcessorCount} cores");
            await RunAsync(1, [sets[0]], Build, Math.Min(t, 20.0), cancel); // warm-up: JIT outside the timings
            var one = await RunAsync(1, sets, Build, t, cancel);
            Print("1 job at a time", one, n, 1);
            var many = await RunAsync(k, sets, Build, t, cancel);
            Print($"{k} jobs at a time", many, n, k);
            Console.WriteLine($"  speed-up {one.Wall / many.Wall:F2}× with {k} executors");
            if (m == 10 && t == 170.0 && ErpBench.NeuronErp.TryGetValue(10, out var neuron))
                Console.WriteLine($"  NEURON (tests/data/timing, 1 core): {neuron.Total} s per simulation = {60.0 / neuron.Total:F1} simulations/min" +
                    $"  ->  {n / many.Wall * 60.0 / (60.0 / neuron.Total):F1}× NEURON's throughput");
            return 0;
        }));
        return command;
    }

    private sealed record Run(double Wall, double JobWall, double Build, double Simulate, int Failed);

    private static async Task<Run> RunAsync(int executors, IReadOnlyList<IReadOnlyDictionary<string, double>> sets,
        Func<IReadOnlyDictionary<string, double>, NetworkSpec> build, double tstop, CancellationToken cancel)
    {
        await using var simulator = Simulator.CreateLocal(new SimulatorOptions(JobsPerNode: executors));
        var clock = Stopwatch.StartNew();
        double jobWall = 0, buildTime = 0, simulate = 0;
        var failed = 0;
        await foreach (var r in simulator.RunBatchAsync(sets, build, tstop, cancellationToken: cancel))
        {
            if (r.Result is null)
            {
                failed++;
                continue;
            }
            jobWall += r.WallSeconds;
            buildTime += r.Result.Timings.Sum(x => x.Build.TotalSeconds);
            simulate += r.Result.Timings.Sum(x => x.Simulate.TotalSeconds);
        }
        return new Run(clock.Elapsed.TotalSeconds, jobWall, buildTime, simulate, failed);
    }

    /// <summary>One line per run; overhead = executor time not spent in a job (k·wall/n − job wall), as a share of a job's wall time.</summary>
    private static void Print(string name, Run r, int n, int k)
    {
        var perJob = r.JobWall / n;
        var overhead = k * r.Wall / n - perJob;
        Console.WriteLine($"  {name,-18}: {r.Wall,7:F2} s, {n / r.Wall * 60.0,6:F1} simulations/min; per job {perJob:F3} s " +
            $"(build {r.Build / n:F3} s, integrate {r.Simulate / n:F3} s), batch overhead {overhead:F3} s = {100 * overhead / perJob:F1}% of a job" +
            $"{(r.Failed > 0 ? $", {r.Failed} FAILED" : "")}");
    }
}
